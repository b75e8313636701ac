package io.switchboard.connector.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal starts with the field's key and never echoes the Auth Token. */
class ConfigurationFieldsTest {

    @Test
    void theSharedFieldsAreRead() {
        Map<String, Object> configuration = new HashMap<>(Map.of("accountSid", " AC0123456789abcdef0123456789abcdef ",
                "authToken", "12345678901234567890123456789012", "publicBaseUrl", "https://example.com/helpdesk/",
                "apiBaseUrl", "http://127.0.0.1:8089/", "flag", Boolean.TRUE, "text", " true "));

        assertEquals("AC0123456789abcdef0123456789abcdef", ConfigurationFields.accountSid(configuration));
        assertEquals("12345678901234567890123456789012", ConfigurationFields.authToken(configuration));
        assertEquals("https://example.com/helpdesk", ConfigurationFields.publicBaseUrl(configuration));
        assertEquals(URI.create("http://127.0.0.1:8089/"), ConfigurationFields.apiBaseUrl(configuration));
        assertTrue(ConfigurationFields.bool(configuration, "flag", false));
        assertTrue(ConfigurationFields.bool(configuration, "text", false));
        assertFalse(ConfigurationFields.bool(configuration, "absent", false));
        assertTrue(ConfigurationFields.bool(configuration, "absent", true));
        assertNull(ConfigurationFields.optionalText(configuration, "absent"));
        assertEquals("+14155550100", ConfigurationFields.phoneNumber("+14155550100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 12345678901234567890123456789012", "1234567890123456\t7890123456789012",
            "12345678901234567890123456789012\n"})
    void whitespaceInTheAuthTokenIsRefusedWithoutEchoingIt(String token) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ConfigurationFields.authToken(Map.of("authToken", token)));

        assertEquals("authToken must not contain whitespace", refused.getMessage());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertEquals("accountSid is required",
                assertThrows(IllegalArgumentException.class, () -> ConfigurationFields.accountSid(Map.of())).getMessage());
        assertEquals("accountSid must be text", assertThrows(IllegalArgumentException.class,
                () -> ConfigurationFields.accountSid(Map.of("accountSid", 7))).getMessage());
        assertEquals("phoneNumber must be in E.164 form, e.g. +14155550100",
                assertThrows(IllegalArgumentException.class, () -> ConfigurationFields.phoneNumber("+0415555")).getMessage());
        assertEquals("publicBaseUrl is not a valid URL", assertThrows(IllegalArgumentException.class,
                () -> ConfigurationFields.publicBaseUrl(Map.of("publicBaseUrl", "https://exa mple.com"))).getMessage());
        assertEquals("apiBaseUrl must be scheme://host[:port] only: the SDK keeps Twilio's paths",
                assertThrows(IllegalArgumentException.class,
                        () -> ConfigurationFields.apiBaseUrl(Map.of("apiBaseUrl", "http://127.0.0.1:8089/?x=1"))).getMessage());
        assertEquals("flag must be true or false", assertThrows(IllegalArgumentException.class,
                () -> ConfigurationFields.bool(Map.of("flag", "yes"), "flag", false)).getMessage());
    }
}
