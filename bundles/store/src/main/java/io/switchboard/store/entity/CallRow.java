package io.switchboard.store.entity;

import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
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

/** A phone call: the details of its CALL timeline entry, one per channel instance and provider call id. */
@Entity(name = "CallRecord")
@Table(name = "call_record")
public class CallRow {
    /** How the menu path is kept in {@link #ivrPath}: "main > billing". */
    public static final String PATH_SEPARATOR = " > ";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "entry_id", nullable = false)
    public Long entryId;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    @Column(name = "call_id", nullable = false)
    public String callId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public CallOutcome outcome;

    /** The menu choices joined by {@link #PATH_SEPARATOR}; empty when there were none. */
    @Column(name = "ivr_path", nullable = false, length = 4000)
    public String ivrPath = "";

    @Column(name = "queue_name")
    public String queue;

    @Column(name = "ivr_seconds")
    public Long ivrSeconds;

    @Column(name = "wait_seconds")
    public Long waitSeconds;

    @Column(name = "talk_seconds")
    public Long talkSeconds;

    public String agent;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(length = 100_000)
    public String transcript;

    /** Optimistic lock: concurrent updates of one call are applied one after the other, never over each other. */
    @Version
    public long version;
}
