package io.switchboard.api.model;

/** One way to reach a customer, normalised. */
public record Identity(long id, IdentityKind kind, String address) {
}
