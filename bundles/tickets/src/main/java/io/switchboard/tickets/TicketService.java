package io.switchboard.tickets;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TimelineEntry;
import java.time.LocalDate;
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
     * pending: the channel runtime has their instance fetch them. A call update files a call seen
     * for the first time like an inbound message, as one CALL entry, and completes that entry with
     * every later update (see {@link io.switchboard.api.channel.CallUpdate}); its recording is
     * fetched like the attachments of a message. A call update that lost a race with another update
     * of the same call is run again, unless the caller's transaction is running it.
     */
    void apply(String channelInstance, String channelType, ChannelEvent event);

    /** The calls on the ticket's timeline, in timeline order; empty for an unknown ticket. */
    List<Call> calls(long ticketId);

    /**
     * Call statistics per channel instance and UTC day, from the calls that started from {@code from}
     * to {@code to} (both included, at most 92 days), instance by instance and day by day, days
     * without calls included. Only {@code instance} when it is given, else every instance with calls
     * in the range.
     *
     * @param serviceLevelSeconds the longest wait for an answered call to count as answered in time
     */
    List<CallStats> callStats(String instance, LocalDate from, LocalDate to, int serviceLevelSeconds);

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

    /**
     * Sets whether an agent takes calls, and where to ring them: a phone number (normalised to E.164)
     * or a softphone client identity, at least one of them while available (those given before count).
     * Going unavailable keeps them. Becoming available again while already available keeps the
     * agent's place in the fair order.
     *
     * @throws IllegalArgumentException for a number that is not a phone number, an identity that is not
     *     1-255 characters of letters, digits, '.', '_', '-' and '@', or an available agent without either
     */
    AgentStatus setAvailability(String agent, boolean available, String phoneNumber, String clientIdentity);

    /**
     * Checks where to ring an agent for one call, by the rules of {@link #setAvailability}, without
     * storing it: the phone number normalised to E.164, or the client identity. Exactly one is needed.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    io.switchboard.api.channel.AgentContact checkContact(String agent, String phoneNumber, String clientIdentity);

    /** The agent's availability, if they ever set it. */
    Optional<AgentStatus> agent(String agent);

    /** The agents who take calls now and are not on one, the one idle the longest first (then by name). */
    List<AgentStatus> availableAgents();

    /**
     * Records that a call was offered to the agent now: they are on it, and left out of {@link
     * #availableAgents()}, until {@link #agentReleased} (or, should that never come, for two hours), and
     * then last in the fair order.
     */
    void agentOffered(String agent);

    /** Records that the agent's part in the call offered to them is over: they take calls again. */
    void agentReleased(String agent);

    /**
     * Logs a call the core placed on a ticket's conversation (a click-to-call or a callback): a CALL
     * entry, direction OUTBOUND, by the agent, which the connector's {@link
     * io.switchboard.api.channel.CallUpdate}s of the same provider call id then complete. Does nothing
     * when an update of that call already filed it.
     *
     * @throws java.util.NoSuchElementException when the conversation does not exist
     */
    void recordOutboundCall(long conversationId, String callId, String agent);

    /**
     * The callers waiting to be called back, in the order of their places: when they entered the
     * queue. A call whose outcome a voice connector reports as CALLBACK files one request (callers
     * without a phone number cannot be called back and file none).
     */
    List<CallbackRequest> waitingCallbacks();

    /**
     * An agent takes a waiting callback: WAITING becomes CALLING. Only the first waiting request of
     * its queue (instance and queue) can be taken, so that callers keep their places.
     *
     * @throws java.util.NoSuchElementException when there is no such request
     * @throws IllegalStateException when it is not waiting (taken by someone else) or another is ahead of it
     */
    CallbackRequest acceptCallback(long id, String agent);

    /**
     * Records how placing the call of an accepted callback went: {@code callState} PLACED makes it
     * CALLED, UNKNOWN makes it UNKNOWN, anything else puts it back in its place, WAITING.
     */
    CallbackRequest finishCallback(long id, String outboundCall, String callState, String detail);
}
