package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A call the core asked a voice instance to place; offered to the provider at most once. */
@Entity(name = "OutboundCall")
@Table(name = "outbound_call")
public class OutboundCallRow {

    /** Where a call placement stands. */
    public enum State {
        /** Recorded, and being offered to the provider now. */
        PLACING,
        /** The provider took it; {@link #providerCallId} is its id. */
        PLACED,
        /** The provider or the connector refused it; {@link #detail} says why. */
        FAILED,
        /** The core stopped while the provider was asked: the call may or may not have been placed. */
        UNKNOWN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The id the connector is given ({@code OutboundCall.id}). */
    @Column(name = "call_key", nullable = false, length = 64, unique = true)
    public String callKey;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    /** CLICK_TO_CALL or CALLBACK. */
    @Column(nullable = false, length = 16)
    public String purpose;

    @Column(name = "customer_address", nullable = false)
    public String customerAddress;

    @Column(nullable = false)
    public String agent;

    @Column(name = "agent_phone", length = 32)
    public String agentPhone;

    @Column(name = "agent_client")
    public String agentClient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    @Column(name = "provider_call_id")
    public String providerCallId;

    @Column(length = 1000)
    public String detail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
