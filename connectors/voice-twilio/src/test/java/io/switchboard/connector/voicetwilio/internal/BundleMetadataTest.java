package io.switchboard.connector.voicetwilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.BuildOutput;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Checks what bnd generated into the build output (it runs before the tests): the manifest an admin's
 * framework resolves, and the Metatype the admin console renders.
 */
class BundleMetadataTest {
    private static final BuildOutput OUTPUT = BuildOutput.of(VoiceTwilioChannelType.class);

    private static final List<String> ALLOWED_IMPORTS =
            List.of("io.switchboard.api.", "org.slf4j", "java.", "javax.", "org.w3c.", "org.xml.");
    /** Features of the embedded HttpClient the connector never turns on; the bundle resolves without them. */
    private static final List<String> OPTIONAL_IMPORTS = List.of("org.brotli.dec", "org.conscrypt", "org.ietf.jgss", "jdk.net");

    @Test
    void theBundleExportsNothingAndNeedsOnlyTheApiLoggingAndTheJdk() throws Exception {
        Attributes manifest = OUTPUT.manifest();

        assertEquals("io.switchboard.connector.voicetwilio", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"));
        for (String clause : BuildOutput.clauses(manifest.getValue("Import-Package"))) {
            String imported = clause.split(";")[0].strip();
            if (OPTIONAL_IMPORTS.contains(imported)) {
                assertTrue(clause.contains("resolution:=optional"), clause);
            } else {
                assertTrue(ALLOWED_IMPORTS.stream().anyMatch(imported::startsWith), "unexpected import " + clause);
            }
        }
        assertTrue(manifest.getValue("Import-Package").contains("io.switchboard.api.channel;version=\"[1.2,2)\""),
                "fetching recordings came with API 1.2");
        assertTrue(manifest.getValue("Service-Component").contains("VoiceTwilioChannelType"));
        // The embedded Woodstox must not offer itself to other bundles as their StAX provider.
        assertFalse(manifest.getValue("Provide-Capability").contains("osgi.serviceloader"), manifest.getValue("Provide-Capability"));
        assertFalse(manifest.getValue("Require-Capability").contains("serviceloader"), manifest.getValue("Require-Capability"));
        assertTrue(Files.notExists(OUTPUT.resolve("META-INF/services")));
    }

    @Test
    void theSdkIsEmbeddedPrivately() throws Exception {
        String privatePackages = OUTPUT.manifest().getValue("Private-Package");

        for (String embedded : List.of("com.twilio.rest.api.v2010.account", "com.twilio.security", "com.twilio.twiml",
                "com.twilio.twiml.voice",
                "com.fasterxml.jackson.databind", "org.apache.hc.client5.http.impl.classic")) {
            assertTrue(List.of(privatePackages.split(",")).contains(embedded), embedded);
        }
        // The classes shared with the other Twilio connector travel inside, never imported from a bundle.
        assertTrue(List.of(privatePackages.split(",")).contains("io.switchboard.connector.twilio"));
    }

    @Test
    void theMetatypeDescribesTheFactoryConfigurationTheSettingsRead() throws Exception {
        Element designate = OUTPUT.metatypeDesignate(VoiceTwilioChannelType.CONFIGURATION_PID);
        assertEquals(VoiceTwilioChannelType.CONFIGURATION_PID, designate.getAttribute("factoryPid"));
        assertEquals("", designate.getAttribute("pid"));

        Map<String, Element> fields = OUTPUT.metatypeFields(VoiceTwilioChannelType.CONFIGURATION_PID);
        assertEquals(List.of(VoiceSettings.ACCOUNT_SID, VoiceSettings.AUTH_TOKEN, VoiceSettings.PHONE_NUMBER,
                VoiceSettings.PUBLIC_BASE_URL, VoiceSettings.IVR, VoiceSettings.TIME_ZONE, VoiceSettings.OPENING_HOURS,
                VoiceSettings.HOLIDAYS, VoiceSettings.HOLD_MUSIC_URL, VoiceSettings.MAX_QUEUE_WAIT,
                VoiceSettings.VOICEMAIL_MAX_LENGTH,
                VoiceSettings.TRANSCRIBE, VoiceSettings.RECORD_CALLS, VoiceSettings.RECORDING_ANNOUNCEMENT,
                VoiceSettings.API_BASE_URL), List.copyOf(fields.keySet()));
        assertEquals("Password", fields.get("authToken").getAttribute("type"));
        assertEquals("String", fields.get("ivr").getAttribute("type"));
        assertEquals("Integer", fields.get("voicemailMaxLength").getAttribute("type"));
        assertEquals("120", fields.get("voicemailMaxLength").getAttribute("default"));
        assertEquals("Boolean", fields.get("transcribe").getAttribute("type"));
        assertEquals("true", fields.get("transcribe").getAttribute("default"));
        assertEquals("UTC", fields.get("timeZone").getAttribute("default"));
        assertEquals("Boolean", fields.get("recordCalls").getAttribute("type"));
        assertEquals("false", fields.get("recordCalls").getAttribute("default"));
        assertEquals("String", fields.get("recordingAnnouncement").getAttribute("type"));
        // Metatype escapes the spaces of a default, which the Metatype service reads back as one value.
        assertEquals(VoiceSettings.DEFAULT_RECORDING_ANNOUNCEMENT.replace(" ", "\\ "),
                fields.get("recordingAnnouncement").getAttribute("default"));
        // Absent means required in Metatype.
        for (String required : List.of("accountSid", "authToken", "phoneNumber", "publicBaseUrl", "ivr")) {
            assertEquals("", fields.get(required).getAttribute("required"), required);
        }
        for (String optional : List.of("timeZone", "openingHours", "holidays", "holdMusicUrl", "voicemailMaxLength",
                "transcribe", "recordCalls", "recordingAnnouncement", "apiBaseUrl")) {
            assertEquals("false", fields.get(optional).getAttribute("required"), optional);
        }
    }
}
