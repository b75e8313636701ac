package io.switchboard.api.model;

/** A ticket's place in its life: new → open → pending/on-hold → solved → closed. */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

    /** Whether new customer messages still join this ticket rather than opening another. */
    public boolean isActive() {
        return this != SOLVED && this != CLOSED;
    }
}
