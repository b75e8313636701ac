package io.switchboard.store.internal;

import io.switchboard.api.bridge.EntityKind;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.CallRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.IdentityRow;
import io.switchboard.store.entity.TicketRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Records, in the writing transaction itself, which customers, tickets and timeline entries it
 * touched: one change row each, whichever code path made the change. Hibernate reports each row
 * written during a flush; the rows are written just before the commit.
 */
final class ChangeCapture implements PostInsertEventListener, PostUpdateEventListener {
    private static final long serialVersionUID = 1L;

    private record Key(EntityKind kind, long id) {
    }

    private final transient ThreadLocal<Map<Key, Long>> touched = new ThreadLocal<>();

    /** Starts collecting for the transaction about to begin on this thread. */
    void begin() {
        touched.set(new LinkedHashMap<>());
    }

    void end() {
        touched.remove();
    }

    /**
     * Flushes the session and writes a change row for each object the transaction touched. Returns
     * whether there were any, so that the sequencer can be woken after the commit.
     */
    boolean writeChanges(Session session) {
        session.flush();
        Map<Key, Long> changes = touched.get();
        if (changes == null || changes.isEmpty()) {
            return false;
        }
        Timestamp now = Timestamp.from(Instant.now());
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO change_log (entity_kind, entity_id, ticket_id, recorded_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement bump = connection.prepareStatement(
                            "UPDATE customer SET version = version + 1 WHERE id = ?")) {
                for (Map.Entry<Key, Long> change : changes.entrySet()) {
                    Key key = change.getKey();
                    Long ticketId = change.getValue();
                    if (key.kind() == EntityKind.ENTRY && ticketId == null) {
                        ticketId = ticketOfEntry(connection, key.id());
                    }
                    insert.setString(1, key.kind().name());
                    insert.setLong(2, key.id());
                    insert.setObject(3, ticketId);
                    insert.setTimestamp(4, now);
                    insert.addBatch();
                    if (key.kind() == EntityKind.CUSTOMER) {
                        bump.setLong(1, key.id());
                        bump.addBatch();
                    }
                }
                insert.executeBatch();
                bump.executeBatch();
            }
        });
        changes.clear();
        return true;
    }

    private static Long ticketOfEntry(java.sql.Connection connection, long entryId) throws java.sql.SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT ticket_id FROM timeline_entry WHERE id = ?")) {
            query.setLong(1, entryId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : null;
            }
        }
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        touched(event.getEntity());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        touched(event.getEntity());
    }

    private void touched(Object entity) {
        Map<Key, Long> changes = touched.get();
        if (changes == null) {
            return;
        }
        if (entity instanceof CustomerRow customer) {
            add(changes, EntityKind.CUSTOMER, customer.id, null);
        } else if (entity instanceof IdentityRow identity) {
            add(changes, EntityKind.CUSTOMER, identity.customerId, null);
        } else if (entity instanceof TicketRow ticket) {
            add(changes, EntityKind.TICKET, ticket.id, ticket.id);
        } else if (entity instanceof ConversationRow conversation) {
            add(changes, EntityKind.TICKET, conversation.ticketId, conversation.ticketId);
        } else if (entity instanceof EntryRow entry) {
            add(changes, EntityKind.ENTRY, entry.id, entry.ticketId);
        } else if (entity instanceof AttachmentRow attachment) {
            add(changes, EntityKind.ENTRY, attachment.entryId, null);
        } else if (entity instanceof CallRow call) {
            // A call's details are part of its timeline entry for whoever follows the stream.
            add(changes, EntityKind.ENTRY, call.entryId, null);
        }
    }

    private static void add(Map<Key, Long> changes, EntityKind kind, Long id, Long ticketId) {
        if (id != null) {
            Key key = new Key(kind, id);
            if (changes.get(key) == null) {
                changes.put(key, ticketId);
            }
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
