package io.switchboard.api.bridge;

import java.util.Objects;

/**
 * Where one Switchboard object lives in the external product: "ticket 42 is RT ticket 1017, synced at
 * version 3". The system is the bridge instance, so two bridges to two products keep their own.
 *
 * @param kind the kind of Switchboard object
 * @param entityId its id in Switchboard
 * @param externalId its id in the product (for an entry, the product's transaction or comment id)
 * @param syncedVersion the version of the Switchboard object the product reflects (see {@link
 *     Versioned#version()}); a change whose object is not newer has nothing to do
 */
public record ExternalRef(EntityKind kind, long entityId, String externalId, long syncedVersion) {
    public ExternalRef {
        Objects.requireNonNull(kind, "kind");
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("an external reference needs an external id");
        }
    }
}
