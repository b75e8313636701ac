package io.switchboard.api.channel;

import io.switchboard.api.model.Address;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer said whether they want messages on this channel instance: a STOP or START keyword, or a
 * provider reporting that the recipient unsubscribed. While a customer is opted out, the core fails
 * replies to them on this instance at once, with a reason saying so, instead of offering them to the
 * connector. Connectors report it from {@link ChannelInstance#receive} beside the message that carried
 * the keyword, or through {@link ChannelContext#ingest} when a send was refused.
 *
 * @param address the customer's address on this instance, as in {@link Contact#replyAddress()}
 * @param optedIn false after STOP (or an unsubscribed recipient), true after START
 * @param keyword what the customer sent, e.g. "STOP", or a provider code such as "twilio:21610"
 */
public record ConsentChange(String eventId, Instant occurredAt, Address address, boolean optedIn, String keyword)
        implements ChannelEvent {
    public ConsentChange {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a consent change needs an event id");
        }
        Objects.requireNonNull(address, "address");
        keyword = keyword == null ? "" : keyword;
        occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    }
}
