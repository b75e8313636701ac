package io.switchboard.tickets.internal;

import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.KeywordReceived;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.Priority;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.store.entity.ConsentRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.CustomerKeywordRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.store.entity.TicketRow;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threading rule: an inbound message joins the customer's open conversation on the same channel
 * instance (or the conversation with its thread id); a message to a ticket solved within the re-open
 * window re-opens it; anything else opens a new ticket.
 */
final class Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);
    private static final int SUBJECT_LENGTH = 80;
    private static final int MAX_KEYWORD = 255;

    private final Customers customers;
    private final Duration reopenWindow;

    Inbound(Customers customers, Duration reopenWindow) {
        this.customers = customers;
        this.reopenWindow = reopenWindow;
    }

    void message(EntityManager em, String instance, String type, InboundMessage message, Instant now) {
        Address replyTo = customers.normalize(message.from().replyAddress());
        List<Address> addresses = new ArrayList<>();
        addresses.add(replyTo);
        for (Address other : message.from().otherAddresses()) {
            addresses.add(customers.normalize(other));
        }
        if (message.text().isBlank() && message.attachments().isEmpty()) {
            throw new IllegalArgumentException("text: a message needs text or attachments");
        }
        if (message.text().length() > Timeline.MAX_TEXT) {
            throw new IllegalArgumentException("text: longer than " + Timeline.MAX_TEXT + " characters");
        }
        CustomerRow customer = customers.resolve(em, addresses, message.from().displayName(), now);

        ConversationRow conversation = findConversation(em, instance, message.threadId(), replyTo)
                .filter(c -> joinable(em.find(TicketRow.class, c.ticketId), now))
                .orElse(null);
        TicketRow ticket;
        if (conversation == null) {
            ticket = newTicket(em, customer, message, now);
            conversation = newConversation(em, ticket, instance, type, message.threadId(), replyTo, now);
        } else {
            ticket = em.find(TicketRow.class, conversation.ticketId);
            wake(em, ticket, now);
        }
        conversation.lastMessageAt = now;
        ticket.updatedAt = now;
        String author = customer.name != null ? customer.name : replyTo.value();
        Timeline.message(em, ticket, conversation.id, Direction.INBOUND, AuthorType.CUSTOMER, author,
                message.text(), message.attachments(), DeliveryStatus.RECEIVED, message.eventId(), now);
    }

    void delivery(EntityManager em, String instance, DeliveryUpdate update) {
        Optional<EntryRow> entry = update.outboundId() != null
                ? Optional.ofNullable(em.find(OutboxRow.class, update.outboundId()))
                        .filter(o -> o.channelInstance.equals(instance))
                        .map(o -> em.find(EntryRow.class, o.entryId))
                : Optional.empty();
        if (entry.isEmpty() && update.providerMessageId() != null) {
            entry = em.createQuery("select e from Entry e where e.providerMessageId = :p and e.direction = :d and e.type = :m"
                            + " and e.conversationId in (select c.id from Conversation c where c.channelInstance = :i)",
                            EntryRow.class)
                    .setParameter("p", update.providerMessageId())
                    .setParameter("d", Direction.OUTBOUND)
                    .setParameter("m", EntryType.MESSAGE)
                    .setParameter("i", instance)
                    .getResultStream().findFirst();
        }
        if (entry.isEmpty()) {
            // Providers report on messages sent before a restore or by other systems; nothing to update.
            LOG.info("Delivery update {} on {} names no message of this instance; ignored",
                    update.eventId(), instance);
            return;
        }
        EntryRow message = entry.get();
        if (update.status().isAfter(message.deliveryStatus)) {
            message.deliveryStatus = update.status();
            if (update.status() == DeliveryStatus.FAILED) {
                message.failureReason = update.reason() == null ? "failed" : update.reason();
            }
            if (message.providerMessageId == null) {
                message.providerMessageId = update.providerMessageId();
            }
        }
    }

    /**
     * Records whether the customer accepts messages here and the keyword on the customer, and tells the
     * agents on the customer's ticket.
     */
    void consent(EntityManager em, String instance, ConsentChange change, Instant now) {
        Address address = customers.normalize(change.address());
        if (!change.keyword().isEmpty()) {
            recordKeyword(em, instance, address, change.keyword(), now);
        }
        ConsentRow consent = em.createQuery("select c from Consent c where c.channelInstance = :i and c.addressKind = :k"
                        + " and c.address = :a", ConsentRow.class)
                .setParameter("i", instance).setParameter("k", address.kind()).setParameter("a", address.value())
                .getResultStream().findFirst().orElse(null);
        boolean known = consent != null;
        if (!known) {
            consent = new ConsentRow();
            consent.channelInstance = instance;
            consent.addressKind = address.kind();
            consent.address = address.value();
        }
        consent.optedIn = change.optedIn();
        consent.keyword = change.keyword();
        consent.updatedAt = now;
        if (!known) {
            em.persist(consent);
        }
        findConversation(em, instance, null, address).map(c -> em.find(TicketRow.class, c.ticketId)).ifPresent(ticket ->
                Timeline.event(em, ticket, null, change.optedIn()
                        ? "the customer opted in to messages on " + instance + " (" + change.keyword() + ")"
                        : "the customer opted out of messages on " + instance + " (" + change.keyword()
                                + "); replies there fail until they opt in again", now));
    }

    /** Records a keyword such as HELP on the customer behind the address. */
    void keyword(EntityManager em, String instance, KeywordReceived keyword, Instant now) {
        recordKeyword(em, instance, customers.normalize(keyword.address()), keyword.keyword().strip(), now);
    }

    /**
     * A keyword may come before anything else from the address (a STOP as the first text, reported
     * beside its message): the customer is then the one the message resolves to a moment later.
     */
    private void recordKeyword(EntityManager em, String instance, Address address, String keyword, Instant now) {
        if (keyword.length() > MAX_KEYWORD) {
            throw new IllegalArgumentException("keyword: longer than " + MAX_KEYWORD + " characters");
        }
        CustomerRow customer = customers.resolve(em, List.of(address), null, now);
        CustomerKeywordRow row = new CustomerKeywordRow();
        row.customerId = customer.id;
        row.channelInstance = instance;
        row.addressKind = address.kind();
        row.address = address.value();
        row.keyword = keyword;
        row.receivedAt = now;
        em.persist(row);
    }

    Optional<ConversationRow> findConversation(EntityManager em, String instance, String threadId,
            Address replyTo) {
        if (threadId != null) {
            return em.createQuery("select c from Conversation c where c.channelInstance = :i and c.threadId = :t"
                            + " order by c.lastMessageAt desc, c.id desc", ConversationRow.class)
                    .setParameter("i", instance).setParameter("t", threadId)
                    .setMaxResults(1).getResultStream().findFirst();
        }
        return em.createQuery("select c from Conversation c where c.channelInstance = :i and c.addressKind = :k"
                        + " and c.address = :a and c.threadId is null order by c.lastMessageAt desc, c.id desc",
                        ConversationRow.class)
                .setParameter("i", instance).setParameter("k", replyTo.kind()).setParameter("a", replyTo.value())
                .setMaxResults(1).getResultStream().findFirst();
    }

    boolean joinable(TicketRow ticket, Instant now) {
        if (ticket.status.isActive()) {
            return true;
        }
        return ticket.status == TicketStatus.SOLVED && ticket.solvedAt != null
                && ticket.solvedAt.plus(reopenWindow).isAfter(now);
    }

    /** A customer writing again re-opens a solved ticket and takes a pending one off "waiting". */
    static void wake(EntityManager em, TicketRow ticket, Instant now) {
        if (ticket.status == TicketStatus.SOLVED || ticket.status == TicketStatus.PENDING) {
            Timeline.event(em, ticket, null, "status: " + Tickets.label(ticket.status) + " → open (customer replied)", now);
            ticket.status = TicketStatus.OPEN;
            ticket.solvedAt = null;
        }
    }

    private static TicketRow newTicket(EntityManager em, CustomerRow customer, InboundMessage message, Instant now) {
        return newTicket(em, customer, subject(message), now);
    }

    static TicketRow newTicket(EntityManager em, CustomerRow customer, String subject, Instant now) {
        TicketRow ticket = new TicketRow();
        ticket.subject = subject;
        ticket.status = TicketStatus.NEW;
        ticket.priority = Priority.NORMAL;
        ticket.customerId = customer.id;
        ticket.createdAt = now;
        ticket.updatedAt = now;
        em.persist(ticket);
        return ticket;
    }

    static ConversationRow newConversation(EntityManager em, TicketRow ticket, String instance, String type,
            String threadId, Address replyTo, Instant now) {
        ConversationRow conversation = new ConversationRow();
        conversation.ticketId = ticket.id;
        conversation.channelInstance = instance;
        conversation.channelType = type;
        conversation.threadId = threadId;
        conversation.addressKind = replyTo.kind();
        conversation.address = replyTo.value();
        conversation.createdAt = now;
        conversation.lastMessageAt = now;
        em.persist(conversation);
        return conversation;
    }

    private static String subject(InboundMessage message) {
        String firstLine = message.text().strip().lines().findFirst().orElse("");
        if (firstLine.isEmpty()) {
            return "Attachment from " + message.from().replyAddress().value();
        }
        return firstLine.length() <= SUBJECT_LENGTH ? firstLine : firstLine.substring(0, SUBJECT_LENGTH - 1) + "…";
    }
}
