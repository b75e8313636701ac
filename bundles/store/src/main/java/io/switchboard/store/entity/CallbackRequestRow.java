package io.switchboard.store.entity;

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

/** A caller waiting to be called back, in their place in the queue. */
@Entity(name = "CallbackRequest")
@Table(name = "callback_request")
public class CallbackRequestRow {

    /** Where a callback request stands. */
    public enum State {
        /** In the queue, waiting for an agent. */
        WAITING,
        /** An agent accepted it; the call is being placed. */
        CALLING,
        /** The call was placed. */
        CALLED,
        /** The call may or may not have been placed; not placed again by itself. */
        UNKNOWN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    /** The provider's id of the call in which the caller asked. */
    @Column(name = "call_id", nullable = false)
    public String callId;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "customer_address", nullable = false)
    public String customerAddress;

    @Column(name = "queue_name")
    public String queue;

    /** When the caller entered the queue: their place. */
    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    /** Who accepted it, once accepted. */
    public String agent;

    /** The placed call's id ({@link OutboundCallRow#callKey}), once placed. */
    @Column(name = "outbound_call", length = 64)
    public String outboundCall;

    @Column(length = 1000)
    public String detail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
