package io.switchboard.store.entity;

import io.switchboard.api.bridge.EntityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One entry of the change stream: a customer, ticket or timeline entry was created or changed. The
 * store writes these itself for every transaction; the position is set once the row is committed.
 */
@Entity(name = "Change")
@Table(name = "change_log")
public class ChangeRow {
    @Id
    public Long id;

    @Column(name = "stream_position")
    public Long position;

    @Enumerated(EnumType.STRING)
    @Column(name = "entity_kind", nullable = false)
    public EntityKind kind;

    @Column(name = "entity_id", nullable = false)
    public long entityId;

    @Column(name = "ticket_id")
    public Long ticketId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
