package io.switchboard.tickets.internal;

import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.store.entity.TicketRow;
import io.switchboard.tickets.TicketChange;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What agents do to tickets: reply, note, change fields. Runs inside the caller's transaction. */
final class Tickets {
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_:.-]{0,49}");
    private static final int MAX_FIELD = 255;

    private Tickets() {
    }

    static TicketRow find(EntityManager em, long ticketId) {
        TicketRow ticket = em.find(TicketRow.class, ticketId);
        if (ticket == null) {
            throw new NoSuchElementException("no ticket " + ticketId);
        }
        return ticket;
    }

    static EntryRow reply(EntityManager em, long ticketId, Long conversationId, String author, String text, Instant now) {
        Timeline.requireText(text, "text");
        TicketRow ticket = find(em, ticketId);
        if (ticket.status == TicketStatus.CLOSED) {
            throw new IllegalStateException("ticket " + ticketId + " is closed; closed tickets take no replies");
        }
        ConversationRow conversation = conversationId == null
                ? em.createQuery("select c from Conversation c where c.ticketId = :t order by c.lastMessageAt desc, c.id desc",
                        ConversationRow.class).setParameter("t", ticketId).setMaxResults(1).getResultStream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("ticket " + ticketId + " has no conversation to reply on"))
                : em.find(ConversationRow.class, conversationId);
        if (conversation == null || !conversation.ticketId.equals(ticket.id)) {
            throw new IllegalArgumentException("conversationId: ticket " + ticketId + " has no conversation " + conversationId);
        }
        EntryRow entry = Timeline.message(em, ticket, conversation.id, Direction.OUTBOUND, AuthorType.AGENT, author,
                text, List.of(), DeliveryStatus.QUEUED, null, now);
        OutboxRow outbox = new OutboxRow();
        outbox.id = UUID.randomUUID().toString();
        outbox.entryId = entry.id;
        outbox.channelInstance = conversation.channelInstance;
        outbox.state = OutboxRow.State.PENDING;
        outbox.nextAttemptAt = now;
        outbox.createdAt = now;
        outbox.updatedAt = now;
        em.persist(outbox);

        if (ticket.firstResponseAt == null) {
            ticket.firstResponseAt = now;
        }
        if (ticket.status == TicketStatus.NEW) {
            changeStatus(em, ticket, TicketStatus.OPEN, author, now);
        }
        conversation.lastMessageAt = now;
        ticket.updatedAt = now;
        return entry;
    }

    static EntryRow note(EntityManager em, long ticketId, String author, String text, Instant now) {
        Timeline.requireText(text, "text");
        TicketRow ticket = find(em, ticketId);
        ticket.updatedAt = now;
        return Timeline.note(em, ticket, author, text, now);
    }

    static void update(EntityManager em, TicketRow ticket, TicketChange change, String actor, Instant now) {
        if (ticket.status == TicketStatus.CLOSED && change.status() != null && change.status() != TicketStatus.CLOSED) {
            throw new IllegalStateException("ticket " + ticket.id + " is closed; closed tickets cannot be re-opened");
        }
        if (change.subject() != null && !change.subject().equals(ticket.subject)) {
            String subject = field(change.subject(), "subject");
            if (subject == null) {
                throw new IllegalArgumentException("subject: must not be empty");
            }
            Timeline.event(em, ticket, actor, "subject: " + ticket.subject + " → " + subject, now);
            ticket.subject = subject;
        }
        if (change.status() != null && change.status() != ticket.status) {
            changeStatus(em, ticket, change.status(), actor, now);
        }
        if (change.priority() != null && change.priority() != ticket.priority) {
            Timeline.event(em, ticket, actor, "priority: " + label(ticket.priority) + " → " + label(change.priority()), now);
            ticket.priority = change.priority();
        }
        if (change.assignee() != null) {
            String assignee = field(change.assignee(), "assignee");
            if (!Objects.equals(assignee, ticket.assignee)) {
                Timeline.event(em, ticket, actor, assignee == null ? "unassigned from " + ticket.assignee
                        : "assigned to " + assignee, now);
                ticket.assignee = assignee;
            }
        }
        if (change.queue() != null) {
            String queue = field(change.queue(), "queue");
            if (!Objects.equals(queue, ticket.queue)) {
                Timeline.event(em, ticket, actor, "queue: " + (ticket.queue == null ? "none" : ticket.queue)
                        + " → " + (queue == null ? "none" : queue), now);
                ticket.queue = queue;
            }
        }
        if (change.tags() != null) {
            String tags = tags(change.tags());
            if (!tags.equals(ticket.tags)) {
                Timeline.event(em, ticket, actor, "tags: " + (tags.isEmpty() ? "none" : tags), now);
                ticket.tags = tags;
            }
        }
        ticket.updatedAt = now;
    }

    static void changeStatus(EntityManager em, TicketRow ticket, TicketStatus status, String actor, Instant now) {
        Timeline.event(em, ticket, actor, "status: " + label(ticket.status) + " → " + label(status), now);
        if (status == TicketStatus.SOLVED) {
            ticket.solvedAt = now;
        } else if (status != TicketStatus.CLOSED) {
            ticket.solvedAt = null;
        }
        ticket.status = status;
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The stored form of a tag set: sorted, lower case, space separated. */
    static String tags(Set<String> tags) {
        Set<String> sorted = new TreeSet<>();
        for (String tag : tags) {
            String normalized = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(normalized).matches()) {
                throw new IllegalArgumentException("tags: '" + tag + "' is not a tag (1-50 of a-z, 0-9, _ : . -)");
            }
            sorted.add(normalized);
        }
        return sorted.stream().collect(Collectors.joining(" "));
    }

    /** A free-text field: blank means "none". */
    private static String field(String value, String name) {
        String stripped = value.strip();
        if (stripped.length() > MAX_FIELD) {
            throw new IllegalArgumentException(name + ": longer than " + MAX_FIELD + " characters");
        }
        return stripped.isEmpty() ? null : stripped;
    }
}
