package io.switchboard.connector.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields every Twilio connector's configuration has, and plain text, flag and URL fields.
 * Every rejection is an {@link IllegalArgumentException} whose message starts with the key, because the
 * core shows it beside the form field; none echoes a credential.
 */
public final class ConfigurationFields {

    public static final String ACCOUNT_SID = "accountSid";
    public static final String AUTH_TOKEN = "authToken";
    public static final String PHONE_NUMBER = "phoneNumber";
    public static final String PUBLIC_BASE_URL = "publicBaseUrl";
    public static final String API_BASE_URL = "apiBaseUrl";

    private static final Pattern ACCOUNT_SID_FORMAT = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private ConfigurationFields() {
    }

    public static String accountSid(Map<String, Object> configuration) {
        String accountSid = requiredText(configuration, ACCOUNT_SID);
        if (!ACCOUNT_SID_FORMAT.matcher(accountSid).matches()) {
            throw invalid(ACCOUNT_SID, "must be AC followed by 32 hex digits");
        }
        return accountSid;
    }

    public static String authToken(Map<String, Object> configuration) {
        String token = requiredRawText(configuration, AUTH_TOKEN);
        // The token is the signing key, byte for byte: a stray space from a file would silently
        // break every signature, so it is refused here (without echoing the value).
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(AUTH_TOKEN, "must not contain whitespace");
        }
        return token;
    }

    /** {@code phoneNumber}, the value of {@link #PHONE_NUMBER}, once it is known to be in E.164 form. */
    public static String phoneNumber(String phoneNumber) {
        if (!E164.matcher(phoneNumber).matches()) {
            throw invalid(PHONE_NUMBER, "must be in E.164 form, e.g. +14155550100");
        }
        return phoneNumber;
    }

    /** Without a trailing slash: what comes before {@code /hooks/}. */
    public static String publicBaseUrl(Map<String, Object> configuration) {
        String text = requiredText(configuration, PUBLIC_BASE_URL);
        URI uri = httpUri(PUBLIC_BASE_URL, text);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(PUBLIC_BASE_URL, "must not have a query or fragment: it is what comes before /hooks/");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Where Twilio API calls go instead of Twilio (tests), or null. */
    public static URI apiBaseUrl(Map<String, Object> configuration) {
        String text = optionalText(configuration, API_BASE_URL);
        if (text == null) {
            return null;
        }
        URI uri = httpUri(API_BASE_URL, text);
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw invalid(API_BASE_URL, "must be scheme://host[:port] only: the SDK keeps Twilio's paths");
        }
        return uri;
    }

    public static URI httpUri(String key, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw invalid(key, "must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(key, "is not a valid URL");
        }
    }

    /** A flag, as a Boolean or as the text true or false; {@code fallback} when absent or blank. */
    public static boolean bool(Map<String, Object> configuration, String key, boolean fallback) {
        Object value = configuration.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text.strip());
        }
        throw invalid(key, "must be true or false");
    }

    /** Stripped. */
    public static String requiredText(Map<String, Object> configuration, String key) {
        return requiredRawText(configuration, key).strip();
    }

    private static String requiredRawText(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            throw invalid(key, "is required");
        }
        if (!(value instanceof String text)) {
            throw invalid(key, "must be text");
        }
        return text;
    }

    /** Stripped, or null when absent or blank. */
    public static String optionalText(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(key, "must be text");
        }
        return text.strip();
    }

    public static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(key + " " + problem);
    }
}
