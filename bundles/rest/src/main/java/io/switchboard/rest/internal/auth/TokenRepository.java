package io.switchboard.rest.internal.auth;

import java.util.List;
import java.util.Optional;

/** Where API tokens live: by the SHA-256 of the token, never the token. */
public interface TokenRepository {

    Optional<TokenRecord> findBySha256(String sha256Hex);

    TokenRecord create(String name, Role role, String sha256Hex);

    List<TokenRecord> list();

    /**
     * Deletes a token, refusing to delete the last admin token so that the API cannot be locked.
     *
     * @return false when there is no such token
     * @throws IllegalStateException when it is the last admin token
     */
    boolean delete(long id);

    long count(Role role);
}
