package io.switchboard.channels.internal;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.channels.PlacedCall;
import io.switchboard.store.Store;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.OutboundCallRow;
import io.switchboard.store.entity.TicketRow;
import io.switchboard.tickets.TicketService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls placed for tickets, durable like the outbox but offered to the provider at most once: the
 * row is committed in state PLACING before the connector is called, and only the thread that wrote it
 * offers it. Providers' call APIs have no idempotency key (Twilio's Calls API has none), so a call
 * whose outcome was lost — the core stopped, or the connector threw, between asking the provider and
 * recording its answer — becomes UNKNOWN and is never placed again by itself: ringing a customer twice
 * is worse than an agent clicking again.
 */
final class OutboundCalls {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCalls.class);
    private static final int MAX_DETAIL = 1000;

    /** A running instance as the placing needs it. */
    record Running(InstanceHandle handle, String type, Set<Capability> capabilities) {
    }

    private final Supplier<Store> store;
    private final Supplier<TicketService> tickets;
    private final Function<String, Optional<Running>> running;
    private final Function<String, Optional<ChannelKind>> kinds;
    private final Clock clock;
    /** Keys of calls this process is placing now: any other PLACING row is from before a stop. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    OutboundCalls(Supplier<Store> store, Supplier<TicketService> tickets, Function<String, Optional<Running>> running,
            Function<String, Optional<ChannelKind>> kinds, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.running = running;
        this.kinds = kinds;
        this.clock = clock;
    }

    PlacedCall place(long ticketId, AgentContact agent, OutboundCall.Purpose purpose) {
        Store db = require(store.get(), "the store");
        TicketService ticketService = require(tickets.get(), "the ticket service");
        ConversationRow conversation = db.transaction(em -> {
            if (em.find(TicketRow.class, ticketId) == null) {
                throw new NoSuchElementException("Ticket " + ticketId + " does not exist.");
            }
            List<ConversationRow> phones = em.createQuery("select c from Conversation c where c.ticketId = :t"
                    + " and c.addressKind = :k order by c.lastMessageAt desc, c.id desc", ConversationRow.class)
                    .setParameter("t", ticketId).setParameter("k", IdentityKind.PHONE).getResultList();
            return phones.stream()
                    .filter(c -> kinds.apply(c.channelInstance).orElse(null) == ChannelKind.VOICE)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Ticket " + ticketId
                            + " has no voice conversation: a call needs the customer's phone number on a voice channel."));
        });
        Running instance = running.apply(conversation.channelInstance).orElseThrow(() -> new IllegalStateException(
                "The voice channel " + conversation.channelInstance + " is not running."));
        if (!instance.capabilities().contains(Capability.OUTBOUND_CALLS)) {
            throw new IllegalStateException("The voice channel " + conversation.channelInstance + " ("
                    + instance.type() + ") does not place calls.");
        }

        String key = UUID.randomUUID().toString();
        inFlight.add(key);
        try {
            OutboundCallRow row = db.transaction(em -> {
                OutboundCallRow created = new OutboundCallRow();
                created.callKey = key;
                created.ticketId = ticketId;
                created.conversationId = conversation.id;
                created.channelInstance = conversation.channelInstance;
                created.purpose = purpose.name();
                created.customerAddress = conversation.address;
                created.agent = agent.name();
                created.agentPhone = agent.phoneNumber();
                created.agentClient = agent.clientIdentity();
                created.state = OutboundCallRow.State.PLACING;
                created.createdAt = now();
                created.updatedAt = created.createdAt;
                em.persist(created);
                return created;
            });
            OutboundCall call = new OutboundCall(key, ticketId, new Address(IdentityKind.PHONE, conversation.address),
                    agent, purpose);
            Optional<SendResult> result;
            try {
                result = instance.handle().startCall(call);
            } catch (InstanceHandle.ConnectorFailure e) {
                return finish(db, ticketService, row.id, OutboundCallRow.State.UNKNOWN, null,
                        "the connector failed while placing the call, which may or may not have been placed");
            }
            if (result.isEmpty()) {
                return finish(db, ticketService, row.id, OutboundCallRow.State.FAILED, null,
                        "the voice channel stopped before the call was placed");
            }
            SendResult answer = result.get();
            if (answer instanceof SendResult.Sent sent && (sent.providerMessageId() == null
                    || sent.providerMessageId().isBlank())) {
                return finish(db, ticketService, row.id, OutboundCallRow.State.UNKNOWN, null,
                        "the connector reported the call placed but gave no call id");
            }
            if (answer instanceof SendResult.Sent sent) {
                return finish(db, ticketService, row.id, OutboundCallRow.State.PLACED, sent.providerMessageId(), null);
            }
            // A Retry is not retried either: a provider error may still have placed the call.
            String reason = answer instanceof SendResult.Failed failed ? failed.reason()
                    : ((SendResult.Retry) answer).reason();
            return finish(db, ticketService, row.id, OutboundCallRow.State.FAILED, null, reason);
        } finally {
            inFlight.remove(key);
        }
    }

    /** Calls left PLACING by a previous run of the core: their outcome is lost. */
    int markInterrupted() {
        Store db = store.get();
        if (db == null) {
            return 0;
        }
        return db.transaction(em -> {
            List<OutboundCallRow> placing = em.createQuery("select o from OutboundCall o where o.state = :s",
                    OutboundCallRow.class).setParameter("s", OutboundCallRow.State.PLACING).getResultList();
            int marked = 0;
            for (OutboundCallRow row : placing) {
                if (!inFlight.contains(row.callKey)) {
                    row.state = OutboundCallRow.State.UNKNOWN;
                    row.detail = "the core stopped while the call was being placed; it may or may not have been placed";
                    row.updatedAt = now();
                    marked++;
                    LOG.warn("Outbound call {} for ticket {}: outcome lost in a stop, not placed again", row.callKey,
                            row.ticketId);
                }
            }
            return marked;
        });
    }

    private PlacedCall finish(Store db, TicketService ticketService, long rowId, OutboundCallRow.State state,
            String providerCallId, String detail) {
        return db.transactionRetryingConflicts(em -> {
            OutboundCallRow row = em.find(OutboundCallRow.class, rowId);
            row.state = state;
            row.providerCallId = providerCallId;
            row.detail = detail == null || detail.length() <= MAX_DETAIL ? detail
                    : detail.substring(0, MAX_DETAIL - 1) + "…";
            row.updatedAt = now();
            if (state == OutboundCallRow.State.PLACED) {
                // Joins this transaction: the call is PLACED exactly when it is on the ticket.
                ticketService.recordOutboundCall(row.conversationId, providerCallId, row.agent);
                // The agent is on this call now: the queues offer the next one to someone idle longer.
                ticketService.agentOffered(row.agent);
            }
            return view(row);
        });
    }

    static PlacedCall view(OutboundCallRow row) {
        return new PlacedCall(row.callKey, row.ticketId, row.conversationId, row.channelInstance, row.purpose,
                row.customerAddress, row.agent, row.state.name(), row.providerCallId, row.detail, row.createdAt,
                row.updatedAt);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw new IllegalStateException("Switchboard is starting: " + what + " is not available yet.");
        }
        return service;
    }
}
