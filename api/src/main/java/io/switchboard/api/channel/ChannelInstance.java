package io.switchboard.api.channel;

import io.switchboard.api.model.Attachment;
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

    /**
     * Fetches the content of one attachment of a message this instance received, so that the core
     * keeps a copy: for providers whose media URLs need the account's credentials or expire.
     *
     * <p>The core calls it from its own thread, some time after the message was stored, never while
     * a webhook is answered; {@link #receive} only names the media by URL. Every attachment of an
     * inbound message is offered once it is stored, one at a time per instance, with the {@link
     * Attachment} as it was stored (its URL, and the content type and file name the message gave).
     * While the instance is not running the attachment waits; the state is kept in the database, so
     * a restart neither loses nor repeats a stored fetch.
     *
     * <ul>
     *   <li>{@link MediaResult.Fetched}: the core stores the bytes (identical content once) and serves
     *       them to agents; the attachment shows as stored.</li>
     *   <li>{@link MediaResult.Retry}: offered again later with exponential back-off; after the
     *       core's last attempt it fails with the detail.</li>
     *   <li>{@link MediaResult.Failed}: the attachment shows as failed, with the detail for agents.</li>
     *   <li>{@link MediaResult.KeepReference}: the attachment stays a link to its URL.</li>
     * </ul>
     *
     * <p>Content larger than {@link ChannelContext#mediaSizeLimit()} is not stored (the attachment
     * fails as too large): stop reading once past it, rather than holding all of it in memory, and
     * return {@link MediaResult.Failed}. Use timeouts on every request. Never throws for expected
     * failures: returns them; what it throws anyway is treated as a {@link MediaResult.Retry}.
     *
     * <p>The default keeps the reference: right for public URLs and for connectors that do not
     * store media.
     *
     * @since 1.2
     */
    default MediaResult fetchMedia(Attachment attachment) {
        return MediaResult.keepReference();
    }

    /**
     * Places an outbound call: rings {@link OutboundCall#agent()} first, then connects them to {@link
     * OutboundCall#to()}. Returns {@link SendResult.Sent} with the provider's call id once the
     * provider accepted the call (not once anyone answered), so that its {@link CallUpdate}s find the
     * ticket's call entry; {@link SendResult.Failed} or {@link SendResult.Retry} otherwise.
     *
     * <p>The core records the call before this is called and never offers the same {@link
     * OutboundCall#id()} twice: providers without an idempotency key for calls would ring twice. So a
     * crash while this runs leaves the call unknown (it may or may not have been placed), which the
     * core shows as such rather than retrying. Must not take longer than a request timeout.
     *
     * <p>The default answers {@link SendResult.Failed}: the channel does not place calls.
     *
     * @since 1.2
     */
    default SendResult startCall(OutboundCall call) {
        return SendResult.failed("this channel does not place calls");
    }

    /** Releases what the instance holds. The core calls it once, when the configuration or bundle goes. */
    default void dispose() {
    }
}
