package io.switchboard.store.entity;

import io.switchboard.api.channel.ChannelKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The channel type and kind of an instance as of its last start, kept so that the core still knows
 * them while the instance's connector is missing or broken.
 */
@Entity(name = "ChannelInstanceKind")
@Table(name = "channel_instance_kind")
public class ChannelInstanceKindRow {
    @Id
    @Column(name = "instance_id", length = 63)
    public String instanceId;

    @Column(name = "channel_type", nullable = false)
    public String channelType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ChannelKind kind;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
