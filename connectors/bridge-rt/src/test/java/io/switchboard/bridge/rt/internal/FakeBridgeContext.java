package io.switchboard.bridge.rt.internal;

import io.switchboard.api.bridge.BridgeContext;
import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ExternalRef;
import io.switchboard.api.bridge.ExternalRefs;
import io.switchboard.api.bridge.ModelView;
import io.switchboard.api.bridge.Versioned;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bridge context that behaves like the core's where a bridge can tell: a model the test fills, external
 * references and state kept in memory, and the product's events recorded and de-duplicated by their id,
 * with their reference written at once, as the core does in one transaction.
 */
final class FakeBridgeContext implements BridgeContext, ModelView, ExternalRefs, AutoCloseable {

    record Event(String kind, long ticketId, String author, String text, String externalId) {
    }

    private final String instanceId;
    private final Map<String, Object> configuration;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-bridge-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    final List<Health> health = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Map<Long, Versioned<Ticket>> tickets = new ConcurrentHashMap<>();
    final Map<Long, Versioned<Customer>> customers = new ConcurrentHashMap<>();
    final Map<Long, Versioned<TimelineEntry>> entries = new ConcurrentHashMap<>();
    final Map<String, byte[]> attachmentContent = new ConcurrentHashMap<>();
    final Map<String, ExternalRef> refs = new ConcurrentHashMap<>();
    final Map<String, String> state = new ConcurrentHashMap<>();
    private final AtomicLong nextEntry = new AtomicLong(1000);
    private volatile boolean closed;

    FakeBridgeContext(String instanceId, Map<String, Object> configuration) {
        this.instanceId = instanceId;
        this.configuration = Map.copyOf(configuration);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("disposed");
        }
    }

    Health lastHealth() {
        return health.isEmpty() ? null : health.get(health.size() - 1);
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Map<String, Object> configuration() {
        return configuration;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        open();
        return scheduler;
    }

    @Override
    public void reportHealth(Health reported) {
        open();
        health.add(reported);
    }

    @Override
    public ModelView model() {
        open();
        return this;
    }

    @Override
    public ExternalRefs refs() {
        open();
        return this;
    }

    @Override
    public Optional<String> state(String key) {
        open();
        return Optional.ofNullable(state.get(key));
    }

    @Override
    public void saveState(String key, String value) {
        open();
        state.put(key, value);
    }

    @Override
    public long reply(long ticketId, String author, String text, String externalId) {
        return fromProduct("reply", ticketId, author, text, externalId);
    }

    @Override
    public long note(long ticketId, String author, String text, String externalId) {
        return fromProduct("note", ticketId, author, text, externalId);
    }

    private synchronized long fromProduct(String kind, long ticketId, String author, String text, String externalId) {
        open();
        Optional<ExternalRef> known = findByExternalId(EntityKind.ENTRY, externalId);
        if (known.isPresent()) {
            return known.get().entityId();
        }
        if (!tickets.containsKey(ticketId)) {
            throw new NoSuchElementException("no ticket " + ticketId);
        }
        long entry = nextEntry.incrementAndGet();
        events.add(new Event(kind, ticketId, author, text, externalId));
        put(new ExternalRef(EntityKind.ENTRY, entry, externalId, 1));
        return entry;
    }

    @Override
    public synchronized void changeStatus(long ticketId, TicketStatus status, String actor, String eventId) {
        open();
        if (events.stream().anyMatch(e -> e.externalId().equals(eventId))) {
            return;
        }
        events.add(new Event("status", ticketId, actor, status.name(), eventId));
        Versioned<Ticket> current = tickets.get(ticketId);
        if (current != null) {
            long version = current.version() + 1;
            tickets.put(ticketId, new Versioned<>(Fixtures.withStatus(current.value(), status), version));
            find(EntityKind.TICKET, ticketId).ifPresent(r -> put(new ExternalRef(EntityKind.TICKET, ticketId, r.externalId(), version)));
        }
    }

    // --- ModelView ---

    @Override
    public Optional<Versioned<Ticket>> ticket(long ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    @Override
    public Optional<Versioned<Customer>> customer(long customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public Optional<Versioned<TimelineEntry>> entry(long entryId) {
        return Optional.ofNullable(entries.get(entryId));
    }

    @Override
    public Optional<byte[]> attachmentContent(Attachment attachment) {
        return Optional.ofNullable(attachmentContent.get(attachment.url()));
    }

    // --- ExternalRefs ---

    @Override
    public Optional<ExternalRef> find(EntityKind kind, long entityId) {
        return Optional.ofNullable(refs.get(kind + ":" + entityId));
    }

    @Override
    public Optional<ExternalRef> findByExternalId(EntityKind kind, String externalId) {
        return refs.values().stream().filter(r -> r.kind() == kind && r.externalId().equals(externalId)).findFirst();
    }

    @Override
    public void put(ExternalRef ref) {
        refs.put(ref.kind() + ":" + ref.entityId(), ref);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
