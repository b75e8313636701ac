package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.connector.twilio.TwilioSignatures;
import io.switchboard.connector.twilio.TwilioWebhooks;
import java.util.HashMap;
import java.util.Map;

/** Shared test data: an account, an IVR, a configuration, and webhook requests as Twilio sends them. */
final class Fixtures {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "12345678901234567890123456789012";
    static final String NUMBER = "+14155550100";
    static final String CALLER = "+14155550199";
    static final String CALL_SID = "CA0123456789abcdef0123456789abcdef";
    static final String INSTANCE = "support";
    static final String PUBLIC_BASE = "https://help.example.com";
    static final String HOOKS = PUBLIC_BASE + "/hooks/" + INSTANCE;
    /** What this server sees behind the proxy; Twilio signed the public URL instead. */
    static final String LOCAL_BASE = "http://127.0.0.1:8080";
    static final String HOLD_MUSIC = "https://cdn.example.com/hold.mp3";

    /** The IVR of the documentation's example, in short: two menus, queues, voicemail and a message. */
    static final String IVR = """
            {
              "voice": "Polly.Joanna",
              "language": "en-US",
              "greeting": "Welcome to Example support.",
              "nodes": {
                "main": {
                  "prompt": "For billing, press 1 or say billing. For technical support, press 2. To leave a message, press 9.",
                  "options": [
                    {"digit": "1", "keywords": ["billing", "invoice"], "menu": "billing"},
                    {"digit": "2", "keywords": ["technical support"], "queue": "technical"},
                    {"digit": "9", "voicemail": true},
                    {"digit": "0", "message": {"play": "https://cdn.example.com/address.mp3"}}
                  ],
                  "default": {"queue": "general"}
                },
                "billing": {
                  "prompt": {"say": "For an invoice, press 1. To leave a message for billing, press 9. For the main menu, press star.", "voice": "alice"},
                  "invalid": "That is not a billing choice.",
                  "repeats": 1,
                  "timeout": 7,
                  "options": [
                    {"digit": "1", "queue": "billing"},
                    {"digit": "9", "voicemail": {"say": "Please leave your message for billing after the tone."}},
                    {"digit": "*", "menu": "main"}
                  ],
                  "default": {"voicemail": true}
                }
              }
            }
            """;

    private Fixtures() {
    }

    static Map<String, Object> configuration(String apiBaseUrl) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("accountSid", ACCOUNT_SID);
        configuration.put("authToken", AUTH_TOKEN);
        configuration.put("phoneNumber", NUMBER);
        configuration.put("publicBaseUrl", PUBLIC_BASE);
        configuration.put("ivr", IVR);
        configuration.put("timeZone", "America/New_York");
        configuration.put("openingHours", "Mon-Fri 09:00-17:00");
        configuration.put("holidays", "2026-12-25");
        configuration.put("holdMusicUrl", HOLD_MUSIC);
        configuration.put("voicemailMaxLength", 90);
        configuration.put("apiBaseUrl", apiBaseUrl == null ? "http://127.0.0.1:9" : apiBaseUrl);
        return configuration;
    }

    static Map<String, String> form(String... namesAndValues) {
        return TwilioWebhooks.form(namesAndValues);
    }

    /** The parameters Twilio sends with every request about a call, plus the given ones. */
    static Map<String, String> call(String... namesAndValues) {
        Map<String, String> form = form("AccountSid", ACCOUNT_SID, "ApiVersion", "2010-04-01", "CallSid", CALL_SID,
                "CallStatus", "in-progress", "Called", NUMBER, "Caller", CALLER, "Direction", "inbound",
                "From", CALLER, "To", NUMBER);
        form.putAll(form(namesAndValues));
        return form;
    }

    /** A POST to {@code /hooks/support{pathAndQuery}} signed over the public URL with the account's token. */
    static WebhookRequest signedPost(String pathAndQuery, Map<String, String> form) {
        return post(pathAndQuery, form, TwilioSignatures.sign(AUTH_TOKEN, HOOKS + pathAndQuery, form));
    }

    /** A signed POST to a callback URL an answer named, as Twilio would send it. */
    static WebhookRequest signedPostTo(String url, Map<String, String> form) {
        if (!url.startsWith(HOOKS + "/")) {
            throw new AssertionError(url + " is not a URL of this instance");
        }
        return signedPost(url.substring(HOOKS.length()), form);
    }

    static WebhookRequest post(String pathAndQuery, Map<String, String> form, String signature) {
        return TwilioWebhooks.post(LOCAL_BASE, INSTANCE, pathAndQuery, form, signature);
    }
}
