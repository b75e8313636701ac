package io.switchboard.api.channel;

import io.switchboard.api.model.Address;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer sent a keyword the provider gives a meaning to, other than opting out or in (those are
 * a {@link ConsentChange}): HELP or INFO on SMS, say. The core records it on the customer, where
 * agents see it beside their consent. Report it from {@link ChannelInstance#receive} beside the
 * message that carried it, with an event id of its own (e.g. the message's id and {@code ":keyword"}).
 *
 * @param address the customer's address on this instance, as in {@link Contact#replyAddress()}
 * @param keyword the keyword in upper case, e.g. "HELP"; at most 255 characters
 * @since 1.2
 */
public record KeywordReceived(String eventId, Instant occurredAt, Address address, String keyword)
        implements ChannelEvent {
    public KeywordReceived {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a keyword needs an event id");
        }
        Objects.requireNonNull(address, "address");
        if (keyword == null || keyword.isBlank()) {
            throw new IllegalArgumentException("a keyword event needs the keyword");
        }
        occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    }
}
