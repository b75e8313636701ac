package io.switchboard.rest.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Issues and checks bearer tokens: 32 random bytes, URL-safe base64; only their SHA-256 is kept, so
 * a copy of the database does not let anyone in.
 */
public final class ApiTokens {
    private static final int TOKEN_BYTES = 32;
    /** Longer than any token issued here; longer input is rejected before it is hashed. */
    private static final int MAX_TOKEN_LENGTH = 256;

    private final TokenRepository repository;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(TokenRepository repository) {
        this.repository = repository;
    }

    public IssuedToken issue(String name, Role role) {
        String token = newToken();
        return new IssuedToken(register(name, role, token), token);
    }

    /** A fresh random token, not yet stored. */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stores the hash of a token made by {@link #newToken()}. */
    public TokenRecord register(String name, Role role, String token) {
        return repository.create(name, role, sha256Hex(token));
    }

    public Optional<ApiPrincipal> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return repository.findBySha256(sha256Hex(token))
                .map(record -> new ApiPrincipal(record.name(), record.role()));
    }

    public List<TokenRecord> list() {
        return repository.list();
    }

    public boolean revoke(long id) {
        return repository.delete(id);
    }

    public boolean adminExists() {
        return repository.count(Role.ADMIN) > 0;
    }

    static String sha256Hex(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
