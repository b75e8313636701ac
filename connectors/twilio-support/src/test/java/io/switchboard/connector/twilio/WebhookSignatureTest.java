package io.switchboard.connector.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signatures computed independently of the SDK (with {@link TwilioSignatures}), over the public URL. */
class WebhookSignatureTest {

    private static final String TOKEN = "12345678901234567890123456789012";
    private static final String HOOKS = "https://help.example.com/hooks/support";
    private static final Map<String, String> FORM = TwilioWebhooks.form("From", "+14155550199", "Body", "Hi & bye");

    private final WebhookSignature signature = new WebhookSignature(TOKEN, HOOKS);

    @Test
    void twiliosSignatureOverThePublicUrlHolds() {
        String signed = TwilioSignatures.sign(TOKEN, HOOKS + "/sms?x=1", FORM);

        assertEquals(Optional.empty(), signature.problemWith(post("/sms?x=1", signed), FORM));
    }

    @Test
    void anotherTokenTheLocalUrlOrAnotherPathDoNot() {
        for (String forged : new String[] {TwilioSignatures.sign("00000000000000000000000000000000", HOOKS + "/sms", FORM),
                TwilioSignatures.sign(TOKEN, "http://127.0.0.1:8080/hooks/support/sms", FORM),
                TwilioSignatures.sign(TOKEN, HOOKS + "/status", FORM)}) {
            String problem = signature.problemWith(post("/sms", forged), FORM).orElseThrow();
            assertTrue(problem.startsWith("X-Twilio-Signature does not match " + HOOKS + "/sms"), problem);
            assertFalse(problem.contains(TOKEN));
        }
    }

    @Test
    void aMissingSignatureIsNamed() {
        assertEquals(Optional.of("X-Twilio-Signature header is missing"), signature.problemWith(post("/sms", null), FORM));
    }

    private static io.switchboard.api.channel.WebhookRequest post(String pathAndQuery, String signed) {
        return TwilioWebhooks.post("http://127.0.0.1:8080", "support", pathAndQuery, FORM, signed);
    }
}
