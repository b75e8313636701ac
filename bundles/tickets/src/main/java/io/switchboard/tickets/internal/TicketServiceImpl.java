package io.switchboard.tickets.internal;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.KeywordReceived;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.Store;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.TicketRow;
import io.switchboard.tickets.AgentStatus;
import io.switchboard.tickets.CallStats;
import io.switchboard.tickets.CallbackRequest;
import io.switchboard.tickets.CustomerDetail;
import io.switchboard.tickets.MediaContent;
import io.switchboard.tickets.Page;
import io.switchboard.tickets.StoredAttachment;
import io.switchboard.tickets.TicketChange;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The ticket rules over the store. Framework properties: {@code switchboard.phone.defaultRegion}
 * (region of numbers written without a country code, default US) and {@code
 * switchboard.tickets.reopenWindowHours} (how long after being solved a customer's message re-opens a
 * ticket instead of opening a new one, default 168 = one week).
 */
@Component(service = TicketService.class)
public class TicketServiceImpl implements TicketService {
    private final Store store;
    private final Customers customers;
    private final Inbound inbound;
    private final Calls calls;
    private final Agents agents;
    private final Clock clock;

    @Activate
    public TicketServiceImpl(@Reference Store store, BundleContext context) {
        this(store, property(context, "switchboard.phone.defaultRegion", "US"),
                Duration.ofHours(Long.parseLong(property(context, "switchboard.tickets.reopenWindowHours", "168"))),
                Clock.systemUTC());
    }

    public TicketServiceImpl(Store store, String defaultRegion, Duration reopenWindow, Clock clock) {
        this.store = store;
        this.customers = new Customers(new AddressNormalizer(defaultRegion));
        this.inbound = new Inbound(customers, reopenWindow);
        this.calls = new Calls(customers, inbound);
        this.agents = new Agents(customers);
        this.clock = clock;
    }

    @Override
    public void apply(String channelInstance, String channelType, ChannelEvent event) {
        if (event instanceof CallUpdate update) {
            // Updates of one call come in quick succession, often at once: the loser of a race runs again.
            store.transactionRetryingConflicts(em -> {
                calls.update(em, channelInstance, channelType, update, now());
                return null;
            });
            return;
        }
        store.run(em -> {
            if (event instanceof InboundMessage message) {
                inbound.message(em, channelInstance, channelType, message, now());
            } else if (event instanceof DeliveryUpdate update) {
                inbound.delivery(em, channelInstance, update);
            } else if (event instanceof ConsentChange change) {
                inbound.consent(em, channelInstance, change, now());
            } else if (event instanceof KeywordReceived keyword) {
                inbound.keyword(em, channelInstance, keyword, now());
            }
        });
    }

    @Override
    public List<Call> calls(long ticketId) {
        return store.transaction(em -> Calls.ofTicket(em, ticketId));
    }

    @Override
    public List<CallStats> callStats(String instance, LocalDate from, LocalDate to, int serviceLevelSeconds) {
        return store.transaction(em -> Calls.stats(em, instance, from, to, serviceLevelSeconds));
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        return store.transaction(em -> Views.tickets(em, query));
    }

    @Override
    public Optional<Ticket> get(long ticketId) {
        return store.transaction(em -> Optional.ofNullable(em.find(TicketRow.class, ticketId))
                .map(row -> Views.ticket(em, row)));
    }

    @Override
    public TimelineEntry reply(long ticketId, Long conversationId, String author, String text) {
        // A customer's message landing on the ticket meanwhile must not turn the agent's reply away.
        return store.transactionRetryingConflicts(em -> Views.entry(
                Tickets.reply(em, ticketId, conversationId, author, text, now()), List.of()));
    }

    @Override
    public TimelineEntry addNote(long ticketId, String author, String text) {
        return store.transactionRetryingConflicts(em -> Views.entry(Tickets.note(em, ticketId, author, text, now()),
                List.of()));
    }

    @Override
    public Ticket update(long ticketId, TicketChange change, String actor) {
        // The change names the values wanted, not a version seen, so it applies on the ticket as it is now.
        return store.transactionRetryingConflicts(em -> {
            TicketRow ticket = Tickets.find(em, ticketId);
            Tickets.update(em, ticket, change, actor, now());
            em.flush();
            return Views.ticket(em, ticket);
        });
    }

    @Override
    public List<StoredAttachment> attachments(long ticketId) {
        return store.transaction(em -> Views.attachments(em, ticketId));
    }

    @Override
    public Optional<MediaContent> media(long attachmentId) {
        return store.transaction(em -> Views.media(em, attachmentId));
    }

    @Override
    public Page<Customer> customers(String search, int page, int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 200");
        }
        return store.transaction(em -> Views.customers(em, search, page, size));
    }

    @Override
    public Optional<Customer> customer(long customerId) {
        return store.transaction(em -> Optional.ofNullable(em.find(CustomerRow.class, customerId))
                .map(row -> Views.customer(em, row)));
    }

    @Override
    public Optional<CustomerDetail> customerDetail(long customerId, int keywordLimit) {
        if (keywordLimit < 1 || keywordLimit > 200) {
            throw new IllegalArgumentException("keywordLimit must be between 1 and 200");
        }
        return store.transaction(em -> Optional.ofNullable(em.find(CustomerRow.class, customerId))
                .map(row -> Views.customerDetail(em, row, keywordLimit)));
    }

    @Override
    public Customer merge(long sourceId, long targetId, String actor) {
        return store.transaction(em -> {
            Instant now = now();
            for (TicketRow ticket : customers.merge(em, sourceId, targetId, actor, now)) {
                Timeline.event(em, ticket, actor, "customer " + sourceId + " merged into customer " + targetId, now);
            }
            em.flush();
            return Views.customer(em, em.find(CustomerRow.class, targetId));
        });
    }

    /** Microseconds are what both databases keep; truncating keeps values equal before and after a reload. */
    @Override
    public AgentStatus setAvailability(String agent, boolean available, String phoneNumber, String clientIdentity) {
        return store.transactionRetryingConflicts(
                em -> agents.set(em, agent, available, phoneNumber, clientIdentity, now()));
    }

    @Override
    public io.switchboard.api.channel.AgentContact checkContact(String agent, String phoneNumber,
            String clientIdentity) {
        return agents.check(agent, phoneNumber, clientIdentity);
    }

    @Override
    public Optional<AgentStatus> agent(String agent) {
        return store.transaction(em -> agents.get(em, agent));
    }

    @Override
    public List<AgentStatus> availableAgents() {
        return store.transaction(em -> agents.available(em, now()));
    }

    @Override
    public void agentOffered(String agent) {
        store.transactionRetryingConflicts(em -> {
            agents.offered(em, agent, now());
            return null;
        });
    }

    @Override
    public void agentReleased(String agent) {
        store.transactionRetryingConflicts(em -> {
            agents.released(em, agent);
            return null;
        });
    }

    @Override
    public void recordOutboundCall(long conversationId, String callId, String agent) {
        // Races the connector's first update of the same call: the unique key makes the loser run again.
        store.transactionRetryingConflicts(em -> {
            calls.outbound(em, conversationId, callId, agent, now());
            return null;
        });
    }

    @Override
    public List<CallbackRequest> waitingCallbacks() {
        return store.transaction(Callbacks::waiting);
    }

    @Override
    public CallbackRequest acceptCallback(long id, String agent) {
        // The version makes two agents accepting at once conflict; the loser, run again, finds it taken.
        return store.transactionRetryingConflicts(em -> Callbacks.accept(em, id, agent, now()));
    }

    @Override
    public CallbackRequest finishCallback(long id, String outboundCall, String callState, String detail) {
        return store.transactionRetryingConflicts(em -> Callbacks.finish(em, id, outboundCall, callState, detail, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
