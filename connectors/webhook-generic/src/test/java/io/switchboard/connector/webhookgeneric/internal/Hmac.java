package io.switchboard.connector.webhookgeneric.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature as an integrator computes it, written out here independently of {@link Signature} so
 * that a mistake there cannot hide in the tests.
 */
final class Hmac {

    private Hmac() {
    }

    static String header(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String header(String secret, String body) {
        return header(secret, body.getBytes(StandardCharsets.UTF_8));
    }
}
