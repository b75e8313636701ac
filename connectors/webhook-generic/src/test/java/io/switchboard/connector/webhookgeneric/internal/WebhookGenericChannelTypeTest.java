package io.switchboard.connector.webhookgeneric.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.ChannelType;
import io.switchboard.api.channel.Health;
import io.switchboard.testkit.RecordingChannelContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookGenericChannelTypeTest {

    private static final String URL = "https://crm.example.com/switchboard/replies";
    private static final String SECRET = "sixteen-chars-ok";

    private final WebhookGenericChannelType type = new WebhookGenericChannelType();

    @Test
    void describesAnApiChannelWithTextMediaAndReceipts() {
        assertEquals("webhook-generic", type.id());
        assertEquals(ChannelKind.API, type.kind());
        assertEquals(Set.of(Capability.TEXT, Capability.MEDIA, Capability.DELIVERY_RECEIPTS), type.capabilities());
        assertEquals(ChannelType.configurationPid(type.id()), WebhookGenericChannelType.CONFIGURATION_PID);
    }

    @Test
    void aCreatedInstanceIsOnline() {
        RecordingChannelContext context = new RecordingChannelContext("support", Map.of("callbackUrl", URL, "secret", SECRET));

        type.create(context);

        assertEquals(List.of(Health.online()), context.healthReports());
    }

    @Test
    void theTimeoutDefaultsToTenSeconds() {
        assertEquals(Duration.ofSeconds(10), ChannelSettings.from(Map.of("callbackUrl", URL, "secret", SECRET)).requestTimeout());
    }

    @Test
    void theTimeoutMayComeAsTextFromAConfigurationFile() {
        assertEquals(Duration.ofSeconds(25), ChannelSettings.from(
                Map.of("callbackUrl", URL, "secret", SECRET, "requestTimeoutSeconds", "25")).requestTimeout());
        assertEquals(Duration.ofSeconds(60), ChannelSettings.from(
                Map.of("callbackUrl", URL, "secret", SECRET, "requestTimeoutSeconds", 60L)).requestTimeout());
    }

    @Test
    void theSettingsNeverPrintTheSecret() {
        String printed = ChannelSettings.from(Map.of("callbackUrl", URL, "secret", SECRET)).toString();

        assertTrue(printed.contains(URL) && !printed.contains(SECRET), printed);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "<absent>", textBlock = """
            callbackUrl           | <absent>                  | callbackUrl is required
            callbackUrl           | '  '                      | callbackUrl is required
            callbackUrl           | crm.example.com/replies   | callbackUrl must be an absolute http or https URL
            callbackUrl           | ftp://crm.example.com/in  | callbackUrl must be an absolute http or https URL
            callbackUrl           | https:///replies          | callbackUrl must be an absolute http or https URL
            callbackUrl           | https://crm example.com/  | callbackUrl must be an absolute http or https URL
            secret                | <absent>                  | secret is required
            secret                | fifteen-chars-x           | secret must be at least 16 characters long
            secret                | ' sixteen-chars-ok'       | secret must not start or end with whitespace
            requestTimeoutSeconds | 0                         | requestTimeoutSeconds must be from 1 to 60 seconds
            requestTimeoutSeconds | 61                        | requestTimeoutSeconds must be from 1 to 60 seconds
            requestTimeoutSeconds | ten                       | requestTimeoutSeconds must be a whole number of seconds
            requestTimeoutSeconds | 2.5                       | requestTimeoutSeconds must be a whole number of seconds
            """)
    void aBadValueIsRefusedNamingItsField(String key, String value, String message) {
        Map<String, Object> configuration = new HashMap<>(Map.of("callbackUrl", URL, "secret", SECRET));
        configuration.remove(key);
        if (value != null) {
            configuration.put(key, value);
        }
        RecordingChannelContext context = new RecordingChannelContext("support", configuration);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> type.create(context));

        assertEquals(message, refused.getMessage());
        assertTrue(context.healthReports().isEmpty());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingItsField() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> type.create(
                new RecordingChannelContext("support", Map.of("callbackUrl", URL, "secret", SECRET, "requestTimeoutSeconds", 2.5))));

        assertEquals("requestTimeoutSeconds must be a whole number of seconds", refused.getMessage());
    }
}
