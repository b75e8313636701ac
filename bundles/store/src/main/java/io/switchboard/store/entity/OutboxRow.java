package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One outbound message waiting to be sent, or sent, or given up on. Its id is a UUID handed to the
 * connector as the idempotency key, so it never changes between attempts.
 */
@Entity(name = "Outbox")
@Table(name = "outbox")
public class OutboxRow {
    public enum State { PENDING, SENT, FAILED }

    @Id
    public String id;

    @Column(name = "entry_id", nullable = false)
    public Long entryId;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 2000)
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
