package io.switchboard.api.bridge;

/** The objects of the model a bridge mirrors and keeps references for. */
public enum EntityKind {
    CUSTOMER,
    TICKET,
    /** A timeline entry: message, note or event. */
    ENTRY
}
