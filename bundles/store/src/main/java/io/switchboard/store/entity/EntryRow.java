package io.switchboard.store.entity;

import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One entry on a ticket's timeline: a message, a note or an event. */
@Entity(name = "Entry")
@Table(name = "timeline_entry")
public class EntryRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "conversation_id")
    public Long conversationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntryType type;

    @Enumerated(EnumType.STRING)
    public Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_type", nullable = false)
    public AuthorType authorType;

    public String author;

    @Column(name = "body", nullable = false, length = 1_000_000)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status")
    public DeliveryStatus deliveryStatus;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    @Column(name = "failure_reason", length = 2000)
    public String failureReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Optimistic lock: a delivery report and the outbox recording a send never overwrite each other. */
    @Version
    public long version;
}
