package io.switchboard.api.bridge;

/**
 * A model object with the version of the row it was read from; the version grows with every change
 * of the object, so a bridge can tell whether it has already mirrored it.
 */
public record Versioned<T>(T value, long version) {
}
