package io.switchboard.rest.internal;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.Conversation;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.Identity;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Priority;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.tickets.CallStats;
import io.switchboard.tickets.ChannelConsent;
import io.switchboard.tickets.CustomerDetail;
import io.switchboard.tickets.CustomerKeyword;
import io.switchboard.tickets.MediaContent;
import io.switchboard.tickets.Page;
import io.switchboard.tickets.StoredAttachment;
import io.switchboard.tickets.TicketChange;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.TicketService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An in-memory ticket service keeping to the contract of the real one: unknown ids raise
 * NoSuchElementException, invalid input IllegalArgumentException, impossible actions
 * IllegalStateException.
 */
final class FakeTicketService implements TicketService {
    private final Map<Long, Ticket> tickets = new ConcurrentSkipListMap<>();
    private final Map<Long, Customer> customers = new ConcurrentSkipListMap<>();
    private final Map<Long, Long> mergedInto = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final Map<Long, List<StoredAttachment>> attachments = new ConcurrentSkipListMap<>();
    private final Map<Long, MediaContent> media = new ConcurrentSkipListMap<>();
    private final Map<Long, List<ChannelConsent>> consent = new ConcurrentSkipListMap<>();
    private final Map<Long, List<CustomerKeyword>> keywords = new ConcurrentSkipListMap<>();
    /** What {@link #callStats} answers, whatever it is asked. */
    volatile List<CallStats> callStats = List.of();
    /** The arguments {@link #callStats} was asked with: instance, from, to, service-level seconds. */
    final List<List<Object>> callStatsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When set, the next call throws what it supplies, as a broken service would. */
    volatile Supplier<RuntimeException> failure;

    synchronized Customer addCustomer(String name, String phone) {
        long id = ids.incrementAndGet();
        Customer customer = new Customer(id, name,
                List.of(new Identity(ids.incrementAndGet(), IdentityKind.PHONE, phone)), now());
        customers.put(id, customer);
        return customer;
    }

    synchronized Ticket addTicket(long customerId, String subject, TicketStatus status, String queue,
            String channelInstance) {
        long id = ids.incrementAndGet();
        Customer customer = customers.get(customerId);
        Conversation conversation = new Conversation(ids.incrementAndGet(), channelInstance, "sms-fake",
                "thread-" + id, Address.phone(customer.identities().get(0).address()));
        TimelineEntry first = new TimelineEntry(ids.incrementAndGet(), EntryType.MESSAGE, now(), conversation.id(),
                Direction.INBOUND, AuthorType.CUSTOMER, customer.name(), "Hello about " + subject, List.of(),
                DeliveryStatus.RECEIVED, "provider-" + id, null);
        Ticket ticket = new Ticket(id, subject, status, Priority.NORMAL, queue, null, Set.of(), customerId, now(),
                now(), null, null, List.of(conversation), List.of(first));
        tickets.put(id, ticket);
        return ticket;
    }

    /**
     * Adds an attachment to the ticket's first message, as the real service keeps it: with {@code
     * content} when STORED, with {@code failureReason} when FAILED.
     */
    synchronized StoredAttachment attach(long ticketId, String fileName, String contentType,
            StoredAttachment.Status status, byte[] content, String failureReason) {
        Ticket ticket = existing(ticketId);
        TimelineEntry message = ticket.timeline().get(0);
        long id = ids.incrementAndGet();
        String url = "https://media.example/" + id;
        StoredAttachment attachment = new StoredAttachment(id, message.id(), url, contentType, fileName,
                content == null ? -1 : content.length, status, failureReason);
        attachments.put(ticketId, append(attachments.getOrDefault(ticketId, List.of()), attachment));
        if (status == StoredAttachment.Status.STORED) {
            media.put(id, new MediaContent(id, fileName, contentType, content));
        }
        List<Attachment> onMessage = new ArrayList<>(message.attachments());
        onMessage.add(new Attachment(url, contentType, fileName, attachment.size()));
        TimelineEntry withAttachment = new TimelineEntry(message.id(), message.type(), message.createdAt(),
                message.conversationId(), message.direction(), message.authorType(), message.author(), message.text(),
                List.copyOf(onMessage), message.deliveryStatus(), message.providerMessageId(), message.failureReason());
        List<TimelineEntry> timeline = new ArrayList<>(ticket.timeline());
        timeline.set(0, withAttachment);
        tickets.put(ticketId, withTimeline(ticket, List.copyOf(timeline)));
        return attachment;
    }

    /** Records consent and keywords as the channels would have; keywords are given oldest first. */
    synchronized void recordConsent(long customerId, List<ChannelConsent> recorded, List<CustomerKeyword> sent) {
        consent.put(customerId, List.copyOf(recorded));
        List<CustomerKeyword> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);
        keywords.put(customerId, List.copyOf(newestFirst));
    }

    @Override
    public void apply(String channelInstance, String channelType, ChannelEvent event) {
        throw new UnsupportedOperationException("not used by the REST API");
    }

    /** The fake's tickets have no calls; the API's calls are tested against the real service. */
    @Override
    public List<Call> calls(long ticketId) {
        failIfAsked();
        return List.of();
    }

    @Override
    public List<CallStats> callStats(String instance, java.time.LocalDate from, java.time.LocalDate to,
            int serviceLevelSeconds) {
        failIfAsked();
        callStatsAsked.add(java.util.Arrays.asList(instance, from, to, serviceLevelSeconds));
        return callStats;
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        failIfAsked();
        List<Ticket> matching = tickets.values().stream()
                .filter(t -> query.status() == null || t.status() == query.status())
                .filter(t -> query.queue() == null || query.queue().equals(t.queue()))
                .filter(t -> query.customerId() == null || query.customerId() == t.customerId())
                .filter(t -> query.assignee() == null
                        || ("none".equals(query.assignee()) ? t.assignee() == null : query.assignee().equals(t.assignee())))
                .filter(t -> query.channel() == null || t.conversations().stream().anyMatch(
                        c -> query.channel().equals(c.channelInstance()) || query.channel().equals(c.channelType())))
                .map(t -> withTimeline(t, List.of()))
                .toList();
        return page(matching, query.page(), query.size());
    }

    @Override
    public Optional<Ticket> get(long ticketId) {
        failIfAsked();
        return Optional.ofNullable(tickets.get(ticketId));
    }

    @Override
    public synchronized TimelineEntry reply(long ticketId, Long conversationId, String author, String text) {
        failIfAsked();
        Ticket ticket = existing(ticketId);
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new IllegalStateException("Ticket " + ticketId + " is closed; open a new one to write again.");
        }
        Conversation conversation = conversationId == null
                ? ticket.conversations().get(ticket.conversations().size() - 1)
                : ticket.conversations().stream().filter(c -> c.id() == conversationId).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "conversationId " + conversationId + " is not a conversation of ticket " + ticketId));
        TimelineEntry entry = new TimelineEntry(ids.incrementAndGet(), EntryType.MESSAGE, now(), conversation.id(),
                Direction.OUTBOUND, AuthorType.AGENT, author, text, List.of(), DeliveryStatus.QUEUED, null, null);
        append(ticket, entry);
        return entry;
    }

    @Override
    public synchronized TimelineEntry addNote(long ticketId, String author, String text) {
        failIfAsked();
        Ticket ticket = existing(ticketId);
        TimelineEntry entry = new TimelineEntry(ids.incrementAndGet(), EntryType.NOTE, now(), null, null,
                AuthorType.AGENT, author, text, List.of(), null, null, null);
        append(ticket, entry);
        return entry;
    }

    @Override
    public synchronized Ticket update(long ticketId, TicketChange change, String actor) {
        failIfAsked();
        Ticket t = existing(ticketId);
        if (change.tags() != null && change.tags().stream().anyMatch(tag -> tag.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("tags must not contain whitespace");
        }
        List<TimelineEntry> events = new ArrayList<>(t.timeline());
        if (change.status() != null && change.status() != t.status()) {
            events.add(event(actor, "status " + t.status() + " → " + change.status()));
        }
        if (change.assignee() != null) {
            events.add(event(actor, "assigned to " + (change.assignee().isEmpty() ? "nobody" : change.assignee())));
        }
        Ticket updated = new Ticket(t.id(),
                change.subject() != null ? change.subject() : t.subject(),
                change.status() != null ? change.status() : t.status(),
                change.priority() != null ? change.priority() : t.priority(),
                change.queue() != null ? change.queue() : t.queue(),
                change.assignee() == null ? t.assignee() : change.assignee().isEmpty() ? null : change.assignee(),
                change.tags() != null ? new TreeSet<>(change.tags()) : t.tags(),
                t.customerId(), t.createdAt(), now(), t.firstResponseAt(), t.solvedAt(), t.conversations(), events);
        tickets.put(ticketId, updated);
        return updated;
    }

    @Override
    public List<StoredAttachment> attachments(long ticketId) {
        failIfAsked();
        return attachments.getOrDefault(ticketId, List.of());
    }

    @Override
    public Optional<MediaContent> media(long attachmentId) {
        failIfAsked();
        return Optional.ofNullable(media.get(attachmentId));
    }

    @Override
    public Optional<CustomerDetail> customerDetail(long customerId, int keywordLimit) {
        failIfAsked();
        if (keywordLimit < 1 || keywordLimit > 200) {
            throw new IllegalArgumentException("keywordLimit must be between 1 and 200");
        }
        return Optional.ofNullable(customers.get(customerId)).map(c -> new CustomerDetail(c,
                consent.getOrDefault(customerId, List.of()),
                keywords.getOrDefault(customerId, List.of()).stream().limit(keywordLimit).toList()));
    }

    @Override
    public Page<Customer> customers(String search, int page, int size) {
        failIfAsked();
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        List<Customer> matching = customers.values().stream()
                .filter(c -> !mergedInto.containsKey(c.id()))
                .filter(c -> needle == null || c.name().toLowerCase(Locale.ROOT).contains(needle)
                        || c.identities().stream().anyMatch(i -> i.address().contains(needle)))
                .toList();
        return page(matching, page, size);
    }

    @Override
    public Optional<Customer> customer(long customerId) {
        failIfAsked();
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public synchronized Customer merge(long sourceId, long targetId, String actor) {
        failIfAsked();
        Customer source = Optional.ofNullable(customers.get(sourceId))
                .orElseThrow(() -> new NoSuchElementException("There is no customer " + sourceId + "."));
        Customer target = Optional.ofNullable(customers.get(targetId))
                .orElseThrow(() -> new NoSuchElementException("There is no customer " + targetId + "."));
        if (mergedInto.containsKey(sourceId)) {
            throw new IllegalStateException("Customer " + sourceId + " was already merged.");
        }
        Customer merged = new Customer(target.id(), target.name(),
                Stream.concat(target.identities().stream(), source.identities().stream()).toList(), target.createdAt());
        customers.put(targetId, merged);
        customers.put(sourceId, new Customer(sourceId, source.name(), List.of(), source.createdAt()));
        mergedInto.put(sourceId, targetId);
        tickets.replaceAll((id, t) -> t.customerId() != sourceId ? t
                : new Ticket(t.id(), t.subject(), t.status(), t.priority(), t.queue(), t.assignee(), t.tags(),
                        targetId, t.createdAt(), now(), t.firstResponseAt(), t.solvedAt(), t.conversations(),
                        append(t.timeline(), event(actor, "customer " + sourceId + " merged into " + targetId))));
        return merged;
    }

    private void failIfAsked() {
        Supplier<RuntimeException> pending = failure;
        if (pending != null) {
            failure = null;
            throw pending.get();
        }
    }

    private Ticket existing(long id) {
        return Optional.ofNullable(tickets.get(id))
                .orElseThrow(() -> new NoSuchElementException("There is no ticket " + id + "."));
    }

    private void append(Ticket ticket, TimelineEntry entry) {
        tickets.put(ticket.id(), withTimeline(ticket, append(ticket.timeline(), entry)));
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> longer = new ArrayList<>(list);
        longer.add(item);
        return List.copyOf(longer);
    }

    private TimelineEntry event(String actor, String text) {
        return new TimelineEntry(ids.incrementAndGet(), EntryType.EVENT, now(), null, null, AuthorType.AGENT, actor,
                text, List.of(), null, null, null);
    }

    private static Ticket withTimeline(Ticket t, List<TimelineEntry> timeline) {
        return new Ticket(t.id(), t.subject(), t.status(), t.priority(), t.queue(), t.assignee(), t.tags(),
                t.customerId(), t.createdAt(), t.updatedAt(), t.firstResponseAt(), t.solvedAt(), t.conversations(),
                timeline);
    }

    private static <T> Page<T> page(List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new Page<>(all.subList(from, to), all.size(), page, size);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    // Agents are tested against the real ticket service (AgentApiTest).

    @Override
    public io.switchboard.tickets.AgentStatus setAvailability(String agent, boolean available, String phoneNumber,
            String clientIdentity) {
        throw new UnsupportedOperationException("agents are not faked");
    }

    @Override
    public io.switchboard.api.channel.AgentContact checkContact(String agent, String phoneNumber, String clientIdentity) {
        throw new UnsupportedOperationException("agents are not faked");
    }

    @Override
    public Optional<io.switchboard.tickets.AgentStatus> agent(String agent) {
        return Optional.empty();
    }

    @Override
    public List<io.switchboard.tickets.AgentStatus> availableAgents() {
        return List.of();
    }

    @Override
    public void agentOffered(String agent) {
    }

    @Override
    public void agentReleased(String agent) {
    }

    @Override
    public void recordOutboundCall(long conversationId, String callId, String agent) {
        throw new UnsupportedOperationException("calls are not faked");
    }

    @Override
    public List<io.switchboard.tickets.CallbackRequest> waitingCallbacks() {
        return List.of();
    }

    @Override
    public io.switchboard.tickets.CallbackRequest acceptCallback(long id, String agent) {
        throw new UnsupportedOperationException("callbacks are not faked");
    }

    @Override
    public io.switchboard.tickets.CallbackRequest finishCallback(long id, String outboundCall, String callState,
            String detail) {
        throw new UnsupportedOperationException("callbacks are not faked");
    }
}
