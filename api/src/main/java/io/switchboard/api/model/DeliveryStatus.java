package io.switchboard.api.model;

/**
 * Where an outbound message is: queued → sent → delivered → read, or failed with a reason.
 * Inbound messages are {@link #RECEIVED}.
 */
public enum DeliveryStatus {
    RECEIVED, QUEUED, SENT, DELIVERED, READ, FAILED;

    /** Statuses only move forward; a late "sent" never overwrites "delivered". */
    public boolean isAfter(DeliveryStatus other) {
        return other == null || ordinal() > other.ordinal();
    }
}
