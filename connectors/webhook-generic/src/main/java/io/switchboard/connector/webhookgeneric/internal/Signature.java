package io.switchboard.connector.webhookgeneric.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Switchboard-Signature} scheme, used in both directions: {@code sha256=} and the
 * lowercase hex HMAC-SHA256 of the raw body, keyed with the instance secret's UTF-8 bytes.
 */
final class Signature {

    static final String HEADER = "X-Switchboard-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private static final int MAC_LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    Signature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for a body. */
    String sign(byte[] body) {
        return PREFIX + HEX.formatHex(mac(body));
    }

    /**
     * Checks a received header against the body; empty when it matches, else what is wrong (for the
     * core's log, never for the caller). The comparison takes the same time wherever the values differ.
     */
    Optional<String> problemWith(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(HEADER + " header is missing");
        }
        String value = header.strip();
        if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 2 * MAC_LENGTH) {
            return Optional.of(HEADER + " is not sha256= followed by 64 hex digits");
        }
        byte[] claimed;
        try {
            claimed = HEX.parseHex(value, PREFIX.length(), value.length());
        } catch (IllegalArgumentException e) {
            return Optional.of(HEADER + " is not sha256= followed by 64 hex digits");
        }
        return MessageDigest.isEqual(mac(body), claimed)
                ? Optional.empty()
                : Optional.of(HEADER + " does not match the body");
    }

    private byte[] mac(byte[] body) {
        try {
            // A Mac is stateful and not thread-safe; instances are cheap next to an HTTP request.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
