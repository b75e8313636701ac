package io.switchboard.connector.voicetwilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ChannelType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The configuration fields besides the IVR and the schedule; every refusal names its field. */
class VoiceSettingsTest {

    @Test
    void theExampleConfigurationIsRead() {
        VoiceSettings settings = VoiceSettings.from(Fixtures.configuration(null));

        assertEquals(Fixtures.PUBLIC_BASE, settings.publicBaseUrl());
        assertEquals(90, settings.voicemailMaxLength());
        assertTrue(settings.transcribe());
        assertEquals(Fixtures.HOLD_MUSIC, settings.holdMusicUrl().toString());
        assertEquals("https://help.example.com/hooks/support/voice", settings.voiceWebhookUrl("support"));
        assertFalse(settings.toString().contains(Fixtures.AUTH_TOKEN));
    }

    @Test
    void optionalFieldsHaveTheirDefaults() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        for (String optional : new String[] {"timeZone", "openingHours", "holidays", "holdMusicUrl", "voicemailMaxLength",
                "apiBaseUrl"}) {
            configuration.remove(optional);
        }
        configuration.put("publicBaseUrl", "https://example.com/helpdesk/");
        configuration.put("transcribe", "false");

        VoiceSettings settings = VoiceSettings.from(configuration);

        assertEquals("https://example.com/helpdesk", settings.publicBaseUrl());
        assertEquals(120, settings.voicemailMaxLength());
        assertFalse(settings.transcribe());
        assertNull(settings.holdMusicUrl());
        assertNull(settings.apiBaseUrl());
        assertFalse(settings.recordCalls(), "recording is for the admin to turn on");
        assertEquals(VoiceSettings.DEFAULT_RECORDING_ANNOUNCEMENT, settings.recordingAnnouncement());
    }

    @Test
    void anEmptyAnnouncementIsTheDefaultOneForACallIsNeverRecordedUnannounced() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("recordCalls", "true");
        configuration.put("recordingAnnouncement", "   ");

        VoiceSettings settings = VoiceSettings.from(configuration);

        assertTrue(settings.recordCalls());
        assertEquals(VoiceSettings.DEFAULT_RECORDING_ANNOUNCEMENT, settings.recordingAnnouncement());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "accountSid | | accountSid is required",
        "accountSid | SK0123456789abcdef0123456789abcdef | accountSid must be AC followed by 32 hex digits",
        "authToken | | authToken is required",
        "authToken | '1234567890 1234567890' | authToken must not contain whitespace",
        "phoneNumber | | phoneNumber is required",
        "phoneNumber | 004915112345678 | phoneNumber must be in E.164 form, e.g. +14155550100",
        "publicBaseUrl | help.example.com | publicBaseUrl must be an absolute http or https URL",
        "publicBaseUrl | https://help.example.com/?x=1 | publicBaseUrl must not have a query or fragment",
        "ivr | | ivr: required: the greeting and the menus as JSON",
        "holdMusicUrl | file:///srv/hold.mp3 | holdMusicUrl must be an absolute http or https URL",
        "voicemailMaxLength | 2 | voicemailMaxLength must be from 5 to 3600",
        "voicemailMaxLength | long | voicemailMaxLength must be a whole number",
        "transcribe | maybe | transcribe must be true or false",
        "recordCalls | sometimes | recordCalls must be true or false",
        "apiBaseUrl | http://127.0.0.1:8089/2010-04-01 | apiBaseUrl must be scheme://host[:port] only",
    })
    void aBadFieldIsRefusedByName(String field, String value, String expected) {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put(field, value == null ? "" : value);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VoiceSettings.from(configuration));

        assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
        assertFalse(refused.getMessage().contains(Fixtures.AUTH_TOKEN));
    }

    @Test
    void theMetatypePidIsTheCoresPid() {
        assertEquals(ChannelType.configurationPid(VoiceTwilioChannelType.TYPE_ID), VoiceTwilioChannelType.CONFIGURATION_PID);
    }
}
