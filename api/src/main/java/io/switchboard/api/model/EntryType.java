package io.switchboard.api.model;

/** The kinds of entry on a ticket's timeline. */
public enum EntryType {
    /** A message in or out, on any channel. */
    MESSAGE,
    /** A note agents write for each other; it never leaves Switchboard. */
    NOTE,
    /** Something that happened to the ticket: a status change, an assignment, a merge. */
    EVENT,
    /**
     * A phone call, in or out, voicemails included; its details are in {@link Call}.
     *
     * @since 1.1
     */
    CALL
}
