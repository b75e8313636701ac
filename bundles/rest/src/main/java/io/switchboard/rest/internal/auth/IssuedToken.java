package io.switchboard.rest.internal.auth;

/** A token just created: the only moment the token itself is known. */
public record IssuedToken(TokenRecord record, String token) {
}
