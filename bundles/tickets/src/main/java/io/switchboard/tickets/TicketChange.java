package io.switchboard.tickets;

import io.switchboard.api.model.Priority;
import io.switchboard.api.model.TicketStatus;
import java.util.Set;

/**
 * What an agent changes on a ticket; null fields stay as they are. {@code assignee} "" unassigns.
 */
public record TicketChange(TicketStatus status, Priority priority, String assignee, String queue,
        Set<String> tags, String subject) {
}
