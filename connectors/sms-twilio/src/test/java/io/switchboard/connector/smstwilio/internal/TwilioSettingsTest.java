package io.switchboard.connector.smstwilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ChannelType;
import io.switchboard.testkit.RecordingChannelContext;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration checks: every refusal names its field, and creating an instance calls nobody. */
class TwilioSettingsTest {

    @Test
    void theMetatypePidIsTheCoresPid() {
        assertEquals(ChannelType.configurationPid(SmsTwilioChannelType.TYPE_ID), SmsTwilioChannelType.CONFIGURATION_PID);
    }

    @Test
    void aCompleteConfigurationIsRead() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("publicBaseUrl", "https://example.com/helpdesk/");
        configuration.put("configureWebhooks", "true");

        TwilioSettings settings = TwilioSettings.from(configuration);

        assertEquals("https://example.com/helpdesk", settings.publicBaseUrl());
        assertEquals("https://example.com/helpdesk/hooks/eu-1/sms", settings.smsWebhookUrl("eu-1"));
        assertEquals("https://example.com/helpdesk/hooks/eu-1/status", settings.statusCallbackUrl("eu-1"));
        assertTrue(settings.configureWebhooks());
        assertNull(settings.apiBaseUrl());
        assertNull(settings.messagingServiceSid());
        assertFalse(settings.toString().contains(Fixtures.AUTH_TOKEN), "the token never reaches a log line");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "accountSid|                                     |accountSid is required",
            "accountSid|SK0123456789abcdef0123456789abcdef   |accountSid must be AC followed by 32 hex digits",
            "authToken |                                     |authToken is required",
            "authToken |'1234567890123456789012345678901 '   |authToken must not contain whitespace",
            "phoneNumber|4155550100                          |phoneNumber must be in E.164 form, e.g. +14155550100",
            "phoneNumber|                                    |phoneNumber or messagingServiceSid is required: set exactly one sender",
            "publicBaseUrl|                                  |publicBaseUrl is required",
            "publicBaseUrl|help.example.com                  |publicBaseUrl must be an absolute http or https URL",
            "publicBaseUrl|https://help.example.com/?x=1     |publicBaseUrl must not have a query or fragment: it is what comes before /hooks/",
            "configureWebhooks|yes                           |configureWebhooks must be true or false",
            "apiBaseUrl|ftp://127.0.0.1                      |apiBaseUrl must be an absolute http or https URL",
            "apiBaseUrl|http://127.0.0.1:8089/2010-04-01     |apiBaseUrl must be scheme://host[:port] only: the SDK keeps Twilio's paths"})
    void aBadValueIsRefusedNamingItsField(String key, String value, String message) {
        assertRefused(message, configuration -> configuration.put(key.strip(), value == null ? "" : value));
    }

    @Test
    void bothSendersAreRefused() {
        assertRefused("messagingServiceSid must be empty when phoneNumber is set: set exactly one sender",
                configuration -> configuration.put("messagingServiceSid", Fixtures.SERVICE_SID));
    }

    @Test
    void aMalformedServiceSidIsRefused() {
        assertRefused("messagingServiceSid must be MG followed by 32 hex digits", configuration -> {
            configuration.remove("phoneNumber");
            configuration.put("messagingServiceSid", "MG123");
        });
    }

    @Test
    void aRefusedConfigurationLeavesNoInstanceAndNoTask() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("phoneNumber", "0");
        RecordingChannelContext context = new RecordingChannelContext("support", configuration);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new SmsTwilioChannelType().create(context));

        assertTrue(refused.getMessage().startsWith("phoneNumber "), refused.getMessage());
        assertTrue(context.healthReports().isEmpty());
    }

    private static void assertRefused(String message, Consumer<Map<String, Object>> change) {
        Map<String, Object> configuration = Fixtures.configuration(null);
        change.accept(configuration);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TwilioSettings.from(configuration));

        assertEquals(message, refused.getMessage());
    }
}
