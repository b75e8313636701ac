package io.switchboard.api.bridge;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The external references of one bridge instance. Writes are durable when the call returns. */
@ProviderType
public interface ExternalRefs {

    Optional<ExternalRef> find(EntityKind kind, long entityId);

    /** The Switchboard object behind a product id, e.g. which ticket an RT ticket mirrors. */
    Optional<ExternalRef> findByExternalId(EntityKind kind, String externalId);

    /** Records or replaces the reference of {@code ref.kind()} and {@code ref.entityId()}. */
    void put(ExternalRef ref);
}
