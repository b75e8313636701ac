package io.switchboard.connector.webhookgeneric.internal;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

/**
 * An instance's configuration, checked. The keys and limits are those of {@link
 * WebhookGenericConfiguration}; every rejection names the key, because the core shows it beside the
 * form field.
 */
record ChannelSettings(URL callbackUrl, String secret, Duration requestTimeout) {

    static final String CALLBACK_URL = "callbackUrl";
    static final String SECRET = "secret";
    static final String REQUEST_TIMEOUT_SECONDS = "requestTimeoutSeconds";

    static final int MIN_SECRET_LENGTH = 16;
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MIN_TIMEOUT_SECONDS = 1;
    /** A callback that needs longer holds one of the core's outbox threads for too long. */
    static final int MAX_TIMEOUT_SECONDS = 60;

    static ChannelSettings from(Map<String, Object> configuration) {
        return new ChannelSettings(
                callbackUrl(configuration.get(CALLBACK_URL)),
                secret(configuration.get(SECRET)),
                Duration.ofSeconds(timeoutSeconds(configuration.get(REQUEST_TIMEOUT_SECONDS))));
    }

    private static URL callbackUrl(Object value) {
        String text = requiredText(CALLBACK_URL, value).strip();
        if (!HttpUrls.isAbsoluteHttp(text)) {
            throw invalid(CALLBACK_URL, "must be an absolute http or https URL");
        }
        try {
            return new URI(text).toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw invalid(CALLBACK_URL, "is not a valid URL");
        }
    }

    private static String secret(Object value) {
        String text = requiredText(SECRET, value);
        // The key is used byte for byte, so a stray space from a config file would silently break
        // every signature; refusing it here tells the admin instead.
        if (!text.equals(text.strip())) {
            throw invalid(SECRET, "must not start or end with whitespace");
        }
        if (text.length() < MIN_SECRET_LENGTH) {
            throw invalid(SECRET, "must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        return text;
    }

    private static int timeoutSeconds(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        long seconds;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            seconds = ((Number) value).longValue();
        } else if (value instanceof String text) {
            try {
                seconds = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw invalid(REQUEST_TIMEOUT_SECONDS, "must be a whole number of seconds");
            }
        } else {
            throw invalid(REQUEST_TIMEOUT_SECONDS, "must be a whole number of seconds");
        }
        if (seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
            throw invalid(REQUEST_TIMEOUT_SECONDS,
                    "must be from " + MIN_TIMEOUT_SECONDS + " to " + MAX_TIMEOUT_SECONDS + " seconds");
        }
        return (int) seconds;
    }

    private static String requiredText(String key, Object value) {
        if (value == null) {
            throw invalid(key, "is required");
        }
        if (!(value instanceof String text)) {
            throw invalid(key, "must be text");
        }
        if (text.isBlank()) {
            throw invalid(key, "is required");
        }
        return text;
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(key + " " + problem);
    }

    /** Never prints the secret: records otherwise put every component into log lines. */
    @Override
    public String toString() {
        return "ChannelSettings[callbackUrl=" + callbackUrl + ", requestTimeout=" + requestTimeout + "]";
    }
}
