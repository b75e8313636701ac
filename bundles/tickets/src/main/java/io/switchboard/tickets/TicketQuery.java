package io.switchboard.tickets;

import io.switchboard.api.model.TicketStatus;

/**
 * Filters for listing tickets; null means "any". {@code channel} matches a channel type id or an
 * instance id of any of the ticket's conversations. {@code assignee} "none" finds unassigned tickets.
 */
public record TicketQuery(TicketStatus status, String channel, String assignee, String queue,
        Long customerId, int page, int size) {
    public TicketQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw new IllegalArgumentException("size must be between 1 and 200");
        }
    }
}
