package io.switchboard.api.channel;

import java.time.Instant;

/**
 * Something a provider told a channel, normalised. The core stores each event at most once per
 * instance, keyed by {@link #eventId()}: use the provider's own id (a message SID, a webhook delivery
 * id) so that redeliveries are recognised.
 *
 * <p>More event types may be permitted in later minor versions: code that consumes events must have a
 * branch for types it does not know.
 */
public sealed interface ChannelEvent permits InboundMessage, DeliveryUpdate, ConsentChange, KeywordReceived,
        CallUpdate {

    /** The provider's id for this event, unique within the instance. */
    String eventId();

    /** When the provider says it happened. */
    Instant occurredAt();
}
