package io.switchboard.bridges.internal;

import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ExternalRef;
import io.switchboard.api.bridge.ExternalRefs;
import io.switchboard.api.bridge.ModelChange;
import io.switchboard.api.bridge.ModelView;
import io.switchboard.api.bridge.Versioned;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.Store;
import io.switchboard.store.UniqueViolation;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.BridgeStateRow;
import io.switchboard.store.entity.ChangeRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.ExternalRefRow;
import io.switchboard.store.entity.InboundEventRow;
import io.switchboard.store.entity.TicketRow;
import io.switchboard.tickets.TicketChange;
import io.switchboard.tickets.TicketService;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Everything one bridge instance reads and writes in the store: the change stream after its cursor,
 * the model's current state, its external references and state, and the product's events coming in.
 */
final class BridgeModel implements ModelView, ExternalRefs {
    /** The bridge's own state keys live beside the core's cursor, which no bridge can overwrite. */
    static final String CURSOR_KEY = "switchboard.cursor";

    private final String instanceId;
    private final Store store;
    private final TicketService tickets;

    BridgeModel(String instanceId, Store store, TicketService tickets) {
        this.instanceId = instanceId;
        this.store = store;
        this.tickets = tickets;
    }

    // --- the change stream ----------------------------------------------------------------------------

    List<ModelChange> changesAfter(long position, int limit) {
        return store.transaction(em -> em.createQuery(
                        "select c from Change c where c.position > :p order by c.position", ChangeRow.class)
                .setParameter("p", position).setMaxResults(limit).getResultList().stream()
                .map(c -> new ModelChange(c.position, c.kind, c.entityId, c.ticketId, c.recordedAt)).toList());
    }

    long cursor() {
        return state(CURSOR_KEY).map(Long::parseLong).orElse(0L);
    }

    void saveCursor(long position) {
        saveState(CURSOR_KEY, Long.toString(position));
    }

    // --- ModelView ------------------------------------------------------------------------------------

    @Override
    public Optional<Versioned<Ticket>> ticket(long ticketId) {
        return store.transaction(em -> {
            TicketRow row = em.find(TicketRow.class, ticketId);
            if (row == null) {
                return Optional.empty();
            }
            return tickets.get(ticketId).map(ticket -> new Versioned<>(ticket, row.version));
        });
    }

    @Override
    public Optional<Versioned<Customer>> customer(long customerId) {
        return store.transaction(em -> {
            CustomerRow row = em.find(CustomerRow.class, customerId);
            if (row == null) {
                return Optional.empty();
            }
            return tickets.customer(customerId).map(customer -> new Versioned<>(customer, row.version));
        });
    }

    @Override
    public Optional<Versioned<TimelineEntry>> entry(long entryId) {
        return store.transaction(em -> {
            EntryRow row = em.find(EntryRow.class, entryId);
            if (row == null) {
                return Optional.empty();
            }
            return tickets.get(row.ticketId).flatMap(ticket -> ticket.timeline().stream()
                    .filter(entry -> entry.id() == entryId).findFirst())
                    .map(entry -> new Versioned<>(entry, row.version));
        });
    }

    @Override
    public Optional<byte[]> attachmentContent(Attachment attachment) {
        return store.transaction(em -> em.createQuery("select m.content from Attachment a, Media m"
                        + " where a.url = :u and a.status = :s and m.sha256 = a.mediaSha256", byte[].class)
                .setParameter("u", attachment.url()).setParameter("s", AttachmentRow.Status.STORED)
                .setMaxResults(1).getResultStream().findFirst());
    }

    // --- ExternalRefs ---------------------------------------------------------------------------------

    @Override
    public Optional<ExternalRef> find(EntityKind kind, long entityId) {
        return store.transaction(em -> em.createQuery("select r from ExternalRef r where r.bridgeInstance = :i"
                        + " and r.kind = :k and r.entityId = :e", ExternalRefRow.class)
                .setParameter("i", instanceId).setParameter("k", kind).setParameter("e", entityId)
                .getResultStream().findFirst().map(BridgeModel::ref));
    }

    @Override
    public Optional<ExternalRef> findByExternalId(EntityKind kind, String externalId) {
        return store.transaction(em -> em.createQuery("select r from ExternalRef r where r.bridgeInstance = :i"
                        + " and r.kind = :k and r.externalId = :x", ExternalRefRow.class)
                .setParameter("i", instanceId).setParameter("k", kind).setParameter("x", externalId)
                .getResultStream().findFirst().map(BridgeModel::ref));
    }

    @Override
    public void put(ExternalRef ref) {
        store.transactionRetryingConflicts(em -> {
            putRef(em, ref);
            return null;
        });
    }

    private void putRef(EntityManager em, ExternalRef ref) {
        ExternalRefRow row = em.createQuery("select r from ExternalRef r where r.bridgeInstance = :i"
                        + " and r.kind = :k and r.entityId = :e", ExternalRefRow.class)
                .setParameter("i", instanceId).setParameter("k", ref.kind()).setParameter("e", ref.entityId())
                .getResultStream().findFirst().orElse(null);
        boolean created = row == null;
        if (created) {
            row = new ExternalRefRow();
            row.bridgeInstance = instanceId;
            row.kind = ref.kind();
            row.entityId = ref.entityId();
        }
        row.externalId = ref.externalId();
        row.syncedVersion = ref.syncedVersion();
        row.updatedAt = Instant.now();
        if (created) {
            em.persist(row);
        }
    }

    private static ExternalRef ref(ExternalRefRow row) {
        return new ExternalRef(row.kind, row.entityId, row.externalId, row.syncedVersion);
    }

    // --- state ----------------------------------------------------------------------------------------

    Optional<String> state(String key) {
        return store.transaction(em -> stateRow(em, key).map(row -> row.value));
    }

    void saveState(String key, String value) {
        store.transactionRetryingConflicts(em -> {
            BridgeStateRow row = stateRow(em, key).orElse(null);
            if (row == null) {
                row = new BridgeStateRow();
                row.bridgeInstance = instanceId;
                row.key = key;
                row.value = value;
                em.persist(row);
            }
            row.value = value;
            return null;
        });
    }

    private Optional<BridgeStateRow> stateRow(EntityManager em, String key) {
        return em.createQuery("select s from BridgeState s where s.bridgeInstance = :i and s.key = :k",
                        BridgeStateRow.class)
                .setParameter("i", instanceId).setParameter("k", key).getResultStream().findFirst();
    }

    // --- the product's events -------------------------------------------------------------------------

    /**
     * Stores an entry written in the product together with its reference, once: the reference's
     * unique key makes a second delivery of the same product event find the first one's entry.
     */
    long entryFromProduct(long ticketId, String externalId, boolean reply, String author, String text) {
        requireText(externalId, "externalId");
        try {
            return store.transactionRetryingConflicts(em -> {
                Optional<ExternalRef> known = findByExternalId(EntityKind.ENTRY, externalId);
                if (known.isPresent()) {
                    return known.get().entityId();
                }
                if (em.find(TicketRow.class, ticketId) == null) {
                    throw new NoSuchElementException("no ticket " + ticketId);
                }
                TimelineEntry entry = reply ? tickets.reply(ticketId, null, author, text)
                        : tickets.addNote(ticketId, author, text);
                em.flush();
                long version = em.find(EntryRow.class, entry.id()).version;
                putRef(em, new ExternalRef(EntityKind.ENTRY, entry.id(), externalId, version));
                return entry.id();
            });
        } catch (UniqueViolation raced) {
            return findByExternalId(EntityKind.ENTRY, externalId).orElseThrow(() -> raced).entityId();
        }
    }

    /**
     * Applies a status change made in the product and moves the ticket's reference to the version it
     * produced, in one transaction: the change it causes in the stream is then already "synced".
     */
    void statusFromProduct(long ticketId, TicketStatus status, String actor, String eventId) {
        requireText(eventId, "eventId");
        try {
            store.transactionRetryingConflicts(em -> {
                String events = "bridge:" + instanceId;
                if (!em.createQuery("select e.id from InboundEvent e where e.channelInstance = :i and e.eventId = :e",
                        Long.class).setParameter("i", events).setParameter("e", eventId).getResultList().isEmpty()) {
                    return null;
                }
                InboundEventRow seen = new InboundEventRow();
                seen.channelInstance = events;
                seen.eventId = eventId;
                seen.receivedAt = Instant.now();
                em.persist(seen);
                tickets.update(ticketId, new TicketChange(status, null, null, null, null, null), actor);
                em.flush();
                TicketRow row = em.find(TicketRow.class, ticketId);
                em.refresh(row);
                find(EntityKind.TICKET, ticketId).ifPresent(r -> putRef(em, new ExternalRef(EntityKind.TICKET, ticketId, r.externalId(), row.version)));
                return null;
            });
        } catch (UniqueViolation alreadySeen) {
            // the same product event, delivered again: it has had its effect
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
