package io.switchboard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives committed change rows their stream positions, on one thread of its own. Because only
 * committed rows are visible to it and it numbers them in one go under a lock, a position once
 * handed out is never followed by a smaller one: a reader that remembers the last position it
 * handled misses nothing, whatever order the writing transactions committed in.
 */
final class ChangeSequencer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeSequencer.class);
    private static final int BATCH = 1000;
    private static final long IDLE_MILLIS = 1000;
    /**
     * How long a wake-up waits for more commits before numbering: under load this gathers many
     * changes into one numbering transaction instead of adding a second commit to every write.
     */
    private static final long GATHER_MILLIS = 50;

    private final SessionFactory sessionFactory;
    private final Semaphore work = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    ChangeSequencer(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
        this.thread = new Thread(this::loop, "switchboard-change-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something was committed: number it soon. */
    void wake() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (work.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS)) {
                    Thread.sleep(GATHER_MILLIS);
                }
                work.drainPermits();
                while (running && sequenceBatch() == BATCH) {
                    // more waiting: go on at once
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Numbering the change stream failed; trying again shortly", e);
                }
            }
        }
    }

    /** Numbers up to one batch of waiting changes; returns how many. */
    int sequenceBatch() {
        try (Session session = sessionFactory.openSession()) {
            session.getTransaction().begin();
            try {
                int count = session.doReturningWork(ChangeSequencer::sequence);
                session.getTransaction().commit();
                return count;
            } catch (RuntimeException e) {
                if (session.getTransaction().isActive()) {
                    session.getTransaction().rollback();
                }
                throw e;
            }
        }
    }

    private static int sequence(Connection connection) throws SQLException {
        long last;
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT last_position FROM change_sequencer WHERE id = 1 FOR UPDATE");
                ResultSet result = lock.executeQuery()) {
            result.next();
            last = result.getLong(1);
        }
        List<Long> waiting = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM change_log WHERE stream_position IS NULL ORDER BY id")) {
            query.setMaxRows(BATCH);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    waiting.add(result.getLong(1));
                }
            }
        }
        if (waiting.isEmpty()) {
            return 0;
        }
        try (PreparedStatement number = connection.prepareStatement(
                "UPDATE change_log SET stream_position = ? WHERE id = ?")) {
            for (long id : waiting) {
                number.setLong(1, ++last);
                number.setLong(2, id);
                number.addBatch();
            }
            number.executeBatch();
        }
        try (PreparedStatement save = connection.prepareStatement(
                "UPDATE change_sequencer SET last_position = ? WHERE id = 1")) {
            save.setLong(1, last);
            save.executeUpdate();
        }
        return waiting.size();
    }

    @Override
    public void close() {
        // No interrupt: an interrupted H2 statement can close the database file under everyone else.
        running = false;
        work.release();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
