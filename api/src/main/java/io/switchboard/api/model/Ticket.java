package io.switchboard.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A ticket with its conversations and, in detail views, its timeline (empty in list views).
 */
public record Ticket(long id, String subject, TicketStatus status, Priority priority, String queue,
        String assignee, Set<String> tags, long customerId, Instant createdAt, Instant updatedAt,
        Instant firstResponseAt, Instant solvedAt, List<Conversation> conversations,
        List<TimelineEntry> timeline) {
}
