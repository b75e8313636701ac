package io.switchboard.connector.smstwilio.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An instance's configuration, checked. The keys are those of {@link SmsTwilioConfiguration}; every
 * rejection starts with the key, because the core shows it beside the form field.
 *
 * @param phoneNumber the sender number, or null when a Messaging Service sends
 * @param messagingServiceSid the Messaging Service, or null when a number sends
 * @param publicBaseUrl without a trailing slash
 * @param apiBaseUrl where Twilio API calls go instead of Twilio (tests), or null
 */
record TwilioSettings(String accountSid, String authToken, String phoneNumber, String messagingServiceSid,
        String publicBaseUrl, boolean configureWebhooks, URI apiBaseUrl) {

    static final String ACCOUNT_SID = "accountSid";
    static final String AUTH_TOKEN = "authToken";
    static final String PHONE_NUMBER = "phoneNumber";
    static final String MESSAGING_SERVICE_SID = "messagingServiceSid";
    static final String PUBLIC_BASE_URL = "publicBaseUrl";
    static final String CONFIGURE_WEBHOOKS = "configureWebhooks";
    static final String API_BASE_URL = "apiBaseUrl";

    private static final Pattern ACCOUNT_SID_FORMAT = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID_FORMAT = Pattern.compile("MG[0-9a-fA-F]{32}");
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    static TwilioSettings from(Map<String, Object> configuration) {
        String phoneNumber = optionalText(configuration, PHONE_NUMBER);
        String serviceSid = optionalText(configuration, MESSAGING_SERVICE_SID);
        if (phoneNumber == null && serviceSid == null) {
            throw invalid(PHONE_NUMBER, "or " + MESSAGING_SERVICE_SID + " is required: set exactly one sender");
        }
        if (phoneNumber != null && serviceSid != null) {
            throw invalid(MESSAGING_SERVICE_SID, "must be empty when " + PHONE_NUMBER + " is set: set exactly one sender");
        }
        if (phoneNumber != null && !E164.matcher(phoneNumber).matches()) {
            throw invalid(PHONE_NUMBER, "must be in E.164 form, e.g. +14155550100");
        }
        if (serviceSid != null && !SERVICE_SID_FORMAT.matcher(serviceSid).matches()) {
            throw invalid(MESSAGING_SERVICE_SID, "must be MG followed by 32 hex digits");
        }
        String accountSid = requiredText(configuration, ACCOUNT_SID);
        if (!ACCOUNT_SID_FORMAT.matcher(accountSid).matches()) {
            throw invalid(ACCOUNT_SID, "must be AC followed by 32 hex digits");
        }
        return new TwilioSettings(accountSid, authToken(configuration), phoneNumber, serviceSid,
                publicBaseUrl(configuration), bool(configuration, CONFIGURE_WEBHOOKS), apiBaseUrl(configuration));
    }

    /** Where Twilio sends incoming messages for this instance. */
    String smsWebhookUrl(String instanceId) {
        return publicBaseUrl + "/hooks/" + instanceId + SmsTwilioChannel.SMS_PATH;
    }

    /** Where Twilio reports on messages this instance sends. */
    String statusCallbackUrl(String instanceId) {
        return publicBaseUrl + "/hooks/" + instanceId + SmsTwilioChannel.STATUS_PATH;
    }

    private static String authToken(Map<String, Object> configuration) {
        String token = requiredRawText(configuration, AUTH_TOKEN);
        // The token is the signing key, byte for byte: a stray space from a file would silently
        // break every signature, so it is refused here (without echoing the value).
        if (!token.equals(token.strip()) || token.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(AUTH_TOKEN, "must not contain whitespace");
        }
        return token;
    }

    private static String publicBaseUrl(Map<String, Object> configuration) {
        String text = requiredText(configuration, PUBLIC_BASE_URL);
        URI uri = httpUri(PUBLIC_BASE_URL, text);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(PUBLIC_BASE_URL, "must not have a query or fragment: it is what comes before /hooks/");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static URI apiBaseUrl(Map<String, Object> configuration) {
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

    private static URI httpUri(String key, String text) {
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

    private static boolean bool(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text.strip());
        }
        throw invalid(key, "must be true or false");
    }

    private static String requiredText(Map<String, Object> configuration, String key) {
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

    private static String optionalText(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(key, "must be text");
        }
        return text.strip();
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(key + " " + problem);
    }

    /** Never prints the Auth Token: records otherwise put every component into log lines. */
    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", phoneNumber=" + phoneNumber
                + ", messagingServiceSid=" + messagingServiceSid + ", publicBaseUrl=" + publicBaseUrl
                + ", configureWebhooks=" + configureWebhooks + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
