package io.switchboard.api.channel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One configured channel: a Twilio number, a chat widget, a Facebook page.
 *
 * <p>The core calls it from its own threads, possibly concurrently, and guards every call: what it
 * throws is logged and turned into health, never passed to the provider or an agent. After {@link
 * #dispose()} no call comes.
 */
@ConsumerType
public interface ChannelInstance {

    /**
     * Handles one provider request to {@code /hooks/{instanceId}/...}: authenticate it (a provider
     * signature, mandatory), parse it into events and choose the answer. The core stores the events
     * in one transaction, drops those it has already seen (by {@link ChannelEvent#eventId()}), and
     * only then sends the answer; if storing fails the provider gets a retryable error instead.
     * Must not block on the provider's API.
     */
    InboundResult receive(WebhookRequest request);

    /**
     * Sends one outbound message. Called from the core's outbox, never twice at once for the same
     * message; a message may be offered again after a {@link SendResult.Retry} or a crash, with the
     * same {@link OutboundMessage#id()}, which connectors pass to the provider as an idempotency key
     * where the provider supports one. Never throws for expected failures: returns them.
     */
    SendResult send(OutboundMessage message);

    /** Releases what the instance holds. The core calls it once, when the configuration or bundle goes. */
    default void dispose() {
    }
}
