package io.switchboard.tickets.internal;

import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.TicketRow;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** Writes timeline entries. */
final class Timeline {
    static final int MAX_TEXT = 100_000;
    private static final int MAX_URL = 4000;

    private Timeline() {
    }

    static EntryRow message(EntityManager em, TicketRow ticket, long conversationId, Direction direction,
            AuthorType authorType, String author, String text, List<Attachment> attachments,
            DeliveryStatus status, String providerMessageId, Instant at) {
        EntryRow entry = entry(ticket, EntryType.MESSAGE, authorType, author, text, at);
        entry.conversationId = conversationId;
        entry.direction = direction;
        entry.deliveryStatus = status;
        entry.providerMessageId = providerMessageId;
        em.persist(entry);
        for (Attachment attachment : attachments) {
            attach(em, entry, attachment, direction == Direction.INBOUND, "attachments", at);
        }
        return entry;
    }

    /**
     * Adds an attachment to an entry; one to {@code fetch} is offered by the channel runtime to the
     * instance of the entry's conversation, from now on.
     */
    static AttachmentRow attach(EntityManager em, EntryRow entry, Attachment attachment, boolean fetch, String field,
            Instant at) {
        if (attachment.url().length() > MAX_URL) {
            throw new IllegalArgumentException(field + ": a URL is longer than " + MAX_URL + " characters");
        }
        AttachmentRow row = new AttachmentRow();
        row.entryId = entry.id;
        row.url = attachment.url();
        row.contentType = attachment.contentType();
        row.fileName = attachment.fileName();
        row.size = attachment.size();
        if (fetch) {
            row.status = AttachmentRow.Status.PENDING;
            row.nextAttemptAt = at;
        }
        em.persist(row);
        return row;
    }

    static EntryRow note(EntityManager em, TicketRow ticket, String author, String text, Instant at) {
        EntryRow entry = entry(ticket, EntryType.NOTE, AuthorType.AGENT, author, text, at);
        em.persist(entry);
        return entry;
    }

    /** A system event, e.g. "status: new → open"; {@code actor} null means Switchboard itself. */
    static EntryRow event(EntityManager em, TicketRow ticket, String actor, String text, Instant at) {
        EntryRow entry = entry(ticket, EntryType.EVENT, actor == null ? AuthorType.SYSTEM : AuthorType.AGENT,
                actor == null ? "system" : actor, text, at);
        em.persist(entry);
        return entry;
    }

    static String requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + ": longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    static EntryRow entry(TicketRow ticket, EntryType type, AuthorType authorType, String author,
            String text, Instant at) {
        EntryRow entry = new EntryRow();
        entry.ticketId = ticket.id;
        entry.type = type;
        entry.authorType = authorType;
        entry.author = author;
        entry.text = text;
        entry.createdAt = at;
        return entry;
    }
}
