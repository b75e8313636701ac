package io.switchboard.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's documented {@code X-Twilio-Signature}, computed from the documentation rather than with the
 * SDK the connector uses, so that the two can disagree: the full URL Twilio called, followed by each
 * POST parameter's name and value, sorted by name, all HMAC-SHA1'd with the Auth Token and base64-encoded.
 */
final class TwilioSignatures {
    private TwilioSignatures() {
    }

    static String sign(String authToken, String url, Map<String, String> formParameters) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(formParameters).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
