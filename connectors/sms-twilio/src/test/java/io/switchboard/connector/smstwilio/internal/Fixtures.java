package io.switchboard.connector.smstwilio.internal;

import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.connector.twilio.TwilioSignatures;
import io.switchboard.connector.twilio.TwilioWebhooks;
import java.util.HashMap;
import java.util.Map;

/** Shared test data: an account, a configuration, and webhook requests as Twilio sends them. */
final class Fixtures {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "12345678901234567890123456789012";
    static final String SERVICE_SID = "MG0123456789abcdef0123456789abcdef";
    static final String NUMBER = "+14155550100";
    static final String CUSTOMER = "+14155550199";
    static final String INSTANCE = "support";
    static final String PUBLIC_BASE = "https://help.example.com";
    /** What this server sees behind the proxy; Twilio signed the public URL instead. */
    static final String LOCAL_BASE = "http://127.0.0.1:8080";

    private Fixtures() {
    }

    static Map<String, Object> configuration(String apiBaseUrl) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("accountSid", ACCOUNT_SID);
        configuration.put("authToken", AUTH_TOKEN);
        configuration.put("phoneNumber", NUMBER);
        configuration.put("publicBaseUrl", PUBLIC_BASE);
        if (apiBaseUrl != null) {
            configuration.put("apiBaseUrl", apiBaseUrl);
        }
        return configuration;
    }

    static Map<String, String> form(String... namesAndValues) {
        return TwilioWebhooks.form(namesAndValues);
    }

    /** A POST to {@code /hooks/support{pathAndQuery}} signed over the public URL with the given token. */
    static WebhookRequest signedPost(String pathAndQuery, Map<String, String> form, String token) {
        return post(pathAndQuery, form,
                TwilioSignatures.sign(token, PUBLIC_BASE + "/hooks/" + INSTANCE + pathAndQuery, form));
    }

    static WebhookRequest post(String pathAndQuery, Map<String, String> form, String signature) {
        return TwilioWebhooks.post(LOCAL_BASE, INSTANCE, pathAndQuery, form, signature);
    }
}
