package io.switchboard.api.channel;

import io.switchboard.api.model.Attachment;
import java.time.Instant;
import java.util.List;

/**
 * A message from a customer.
 *
 * @param threadId the provider's thread id, or null when the channel has none (SMS): the customer's
 *     open conversation on this instance is then continued
 * @param text the text, possibly empty when only attachments came
 */
public record InboundMessage(String eventId, Instant occurredAt, Contact from, String threadId,
        String text, List<Attachment> attachments) implements ChannelEvent {
    public InboundMessage {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("an inbound message needs an event id");
        }
        java.util.Objects.requireNonNull(from, "from");
        text = text == null ? "" : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    }
}
