package io.switchboard.store.entity;

import io.switchboard.api.bridge.EntityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where a customer, ticket or entry lives in the product one bridge instance mirrors into. */
@Entity(name = "ExternalRef")
@Table(name = "external_ref")
public class ExternalRefRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "bridge_instance", nullable = false)
    public String bridgeInstance;

    @Enumerated(EnumType.STRING)
    @Column(name = "entity_kind", nullable = false)
    public EntityKind kind;

    @Column(name = "entity_id", nullable = false)
    public long entityId;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    @Column(name = "synced_version", nullable = false)
    public long syncedVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
