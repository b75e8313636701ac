package io.switchboard.tickets;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TimelineEntry;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The ticket model's rules. Every method runs in a store transaction, joining the caller's if there
 * is one. Unknown ids raise {@link java.util.NoSuchElementException}, invalid input {@link
 * IllegalArgumentException} (messages name the field), impossible actions {@link
 * IllegalStateException}.
 */
@ProviderType
public interface TicketService {

    /**
     * Applies one already de-duplicated channel event: an inbound message joins the customer's open
     * conversation on the instance (or the conversation with its thread id), re-opens a recently
     * solved ticket, or opens a new ticket; a delivery update moves an outbound message's status; a
     * consent change records whether the customer accepts messages on the instance, and the keyword
     * on the customer, as does a keyword event. The attachments of an inbound message start out
     * pending: the channel runtime has their instance fetch them.
     */
    void apply(String channelInstance, String channelType, ChannelEvent event);

    Page<Ticket> list(TicketQuery query);

    /** The ticket with its conversations and its whole timeline, oldest first. */
    Optional<Ticket> get(long ticketId);

    /**
     * Queues an agent's reply on a conversation of the ticket (its most recent one when {@code
     * conversationId} is null); it leaves through that conversation's channel from the outbox.
     */
    TimelineEntry reply(long ticketId, Long conversationId, String author, String text);

    TimelineEntry addNote(long ticketId, String author, String text);

    /** Changes fields and records each change on the timeline as an event by {@code actor}. */
    Ticket update(long ticketId, TicketChange change, String actor);

    /** The ticket's attachments with their ids and fetch status, in timeline order; empty for an unknown ticket. */
    List<StoredAttachment> attachments(long ticketId);

    /** The stored content of an attachment; empty when there is no such attachment or it is not stored. */
    Optional<MediaContent> media(long attachmentId);

    Page<Customer> customers(String search, int page, int size);

    Optional<Customer> customer(long customerId);

    /**
     * The customer with the consent recorded for their addresses and their latest keywords, newest
     * first (at most {@code keywordLimit}, 1 to 200).
     */
    Optional<CustomerDetail> customerDetail(long customerId, int keywordLimit);

    /**
     * Folds {@code sourceId} into {@code targetId}: identities (and with them the consent recorded for
     * their addresses), tickets and keywords move to the target, the source is marked merged, and the
     * merge is recorded on the moved tickets.
     */
    Customer merge(long sourceId, long targetId, String actor);
}
