package io.switchboard.api.channel;

/** What a channel can do; the console and the core only offer what the channel declares. */
public enum Capability {
    /** Plain text messages both ways. */
    TEXT,
    /** Attachments: images, audio, documents. */
    MEDIA,
    /** Phone calls. */
    VOICE,
    /** Call recordings. */
    RECORDING,
    /** Typing indicators. */
    TYPING,
    /** Delivery (and possibly read) receipts for outbound messages. */
    DELIVERY_RECEIPTS,
    /** Public posts and comments, as opposed to private messages. */
    PUBLIC_POSTS,
    /**
     * Places calls for agents ({@link ChannelInstance#startCall}): click-to-call and callbacks. The
     * core offers no call to a channel type without it.
     *
     * @since 1.2
     */
    OUTBOUND_CALLS
}
