package io.switchboard.api.model;

/**
 * How a phone call ended.
 *
 * @since 1.1
 */
public enum CallOutcome {
    /** An agent talked with the caller. */
    ANSWERED,
    /** The caller hung up while waiting, before anyone answered. */
    ABANDONED,
    /** The caller left a voicemail. */
    VOICEMAIL,
    /** The caller asked to be called back and hung up, keeping their place in the queue. */
    CALLBACK,
    /** Nobody answered and the caller could not leave a message (an unanswered outbound call, a failure). */
    MISSED
}
