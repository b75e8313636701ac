package io.switchboard.rest.internal.auth;

import java.time.Instant;

/** A stored API token, without the token itself (only its hash is ever stored). */
public record TokenRecord(long id, String name, Role role, Instant createdAt) {
}
