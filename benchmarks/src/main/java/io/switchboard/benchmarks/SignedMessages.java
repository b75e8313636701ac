package io.switchboard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer messages as the generic webhook channel expects them ({@code docs/channels/webhook-generic.md}):
 * compact JSON signed with {@code X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of the raw body>}.
 * One instance per sending thread, since a {@link Mac} is not thread-safe.
 */
final class SignedMessages implements WebhookMessages {
    static final String SIGNATURE_HEADER = "X-Switchboard-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final Mac mac;

    SignedMessages(String secret) {
        this.mac = mac(secret);
    }

    /** A signed message; event and sender ids are made of letters, digits and dashes, so need no escaping. */
    @Override
    public Signed message(String eventId, String senderId, String text) {
        String json = "{\"eventId\":\"" + eventId + "\",\"sender\":{\"id\":\"" + senderId + "\",\"name\":\"Customer "
                + senderId + "\"},\"text\":\"" + text + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new Signed(body, "application/json", SIGNATURE_HEADER, signature(body));
    }

    String signature(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Whether {@code header} is the signature of {@code body}, compared in constant time. */
    boolean verifies(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(signature(body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Unusable secret", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
