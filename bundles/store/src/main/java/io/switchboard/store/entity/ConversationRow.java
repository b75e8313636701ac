package io.switchboard.store.entity;

import io.switchboard.api.model.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One channel-level thread inside a ticket, and the address replies on it go to. Updates write only
 * the changed columns: each message moves {@code lastMessageAt} and nothing else.
 */
@DynamicUpdate
@Entity(name = "Conversation")
@Table(name = "conversation")
public class ConversationRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    @Column(name = "channel_type", nullable = false)
    public String channelType;

    @Column(name = "thread_id")
    public String threadId;

    @Enumerated(EnumType.STRING)
    @Column(name = "address_kind", nullable = false)
    public IdentityKind addressKind;

    @Column(name = "address", nullable = false)
    public String address;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_message_at", nullable = false)
    public Instant lastMessageAt;
}
