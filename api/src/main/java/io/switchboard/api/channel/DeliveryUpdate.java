package io.switchboard.api.channel;

import io.switchboard.api.model.DeliveryStatus;
import java.time.Instant;

/**
 * A provider's news about an outbound message. It names the message by the provider's id (from
 * {@link SendResult.Sent}) or by the {@link OutboundMessage#id()} the connector passed along; one of
 * the two is required. Updates that would move a status backwards are ignored.
 *
 * @param reason why it failed, for {@link DeliveryStatus#FAILED}; null otherwise
 */
public record DeliveryUpdate(String eventId, Instant occurredAt, String providerMessageId,
        String outboundId, DeliveryStatus status, String reason) implements ChannelEvent {
    public DeliveryUpdate {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a delivery update needs an event id");
        }
        if ((providerMessageId == null || providerMessageId.isBlank())
                && (outboundId == null || outboundId.isBlank())) {
            throw new IllegalArgumentException("a delivery update must name its message");
        }
        java.util.Objects.requireNonNull(status, "status");
        occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    }
}
