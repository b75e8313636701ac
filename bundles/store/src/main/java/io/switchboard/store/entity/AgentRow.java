package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent's availability for calls and where to ring them. */
@Entity(name = "Agent")
@Table(name = "agent")
public class AgentRow {
    @Id
    public String name;

    @Column(nullable = false)
    public boolean available;

    /** E.164, or null when the agent takes calls in a Twilio Client. */
    @Column(name = "phone_number", length = 32)
    public String phoneNumber;

    @Column(name = "client_identity")
    public String clientIdentity;

    /** When the agent last became available; null while not available. */
    @Column(name = "available_since")
    public Instant availableSince;

    /** When a call was last offered to the agent; null if never. */
    @Column(name = "last_offered_at")
    public Instant lastOfferedAt;

    /** Since when the agent has been on a call (ringing or talking); null when free. */
    @Column(name = "on_call_since")
    public Instant onCallSince;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
