package io.switchboard.store.internal;

import io.switchboard.store.Store;
import io.switchboard.store.UniqueViolation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.OptimisticLockException;
import java.sql.DatabaseMetaData;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * The store on Hibernate ORM: migrates the schema, validates the entities against it, and runs
 * transactions on a pooled connection. Usable without OSGi; {@link StoreComponent} publishes it there.
 */
public final class HibernateStore implements Store, AutoCloseable {
    /** How often a transaction that lost a race is tried in all. */
    private static final int CONFLICT_ATTEMPTS = 5;

    private final ClassLoader loader = HibernateStore.class.getClassLoader();
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();
    private final SessionFactory sessionFactory;
    private final ChangeCapture changes = new ChangeCapture();
    private final ChangeSequencer sequencer;
    private final String description;

    /** Migrates the database to the current schema and opens the store; takes a few seconds. */
    public HibernateStore(StoreSettings settings) {
        try (ContextClassLoader ignored = ContextClassLoader.use(loader)) {
            SchemaMigration.migrate(settings, loader);
            sessionFactory = HibernateBootstrap.build(settings, loader, changes);
            try {
                description = describe(settings);
                sequencer = new ChangeSequencer(sessionFactory);
            } catch (RuntimeException e) {
                sessionFactory.close();
                throw e;
            }
        }
    }

    @Override
    public <T> T transaction(Function<EntityManager, T> work) {
        EntityManager outer = current.get();
        return outer != null ? joined(outer, work) : own(work);
    }

    @Override
    public <T> T transactionRetryingConflicts(Function<EntityManager, T> work) {
        if (current.get() != null) {
            return transaction(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return own(work);
            } catch (UniqueViolation | OptimisticLockException conflict) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw conflict;
                }
                // A short random pause, so that the same two transactions do not collide again in step.
                pause(ThreadLocalRandom.current().nextInt(1, 5 * attempt));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }

    private <T> T own(Function<EntityManager, T> work) {
        try (ContextClassLoader ignored = ContextClassLoader.use(loader);
                Session em = sessionFactory.openSession()) {
            current.set(em);
            changes.begin();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                T result = work.apply(em);
                boolean changed = !tx.getRollbackOnly() && changes.writeChanges(em);
                tx.commit();
                if (changed) {
                    sequencer.wake();
                }
                return result;
            } catch (RuntimeException e) {
                rollBack(tx, e);
                throw UniqueViolations.translate(e);
            } catch (Error e) {
                rollBack(tx, e);
                throw e;
            } finally {
                current.remove();
                changes.end();
            }
        }
    }

    private static <T> T joined(EntityManager em, Function<EntityManager, T> work) {
        try {
            return work.apply(em);
        } catch (RuntimeException e) {
            doom(em);
            throw UniqueViolations.translate(e);
        } catch (Error e) {
            doom(em);
            throw e;
        }
    }

    /**
     * Whatever a failed nested part left half done must not be committed by the outer transaction,
     * even if the outer work catches the exception and carries on.
     */
    private static void doom(EntityManager em) {
        EntityTransaction tx = em.getTransaction();
        if (tx.isActive()) {
            tx.setRollbackOnly();
        }
    }

    private static void rollBack(EntityTransaction tx, Throwable cause) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** Closes the session factory and its connection pool; an H2 database file is closed with it. */
    @Override
    public void close() {
        try (ContextClassLoader ignored = ContextClassLoader.use(loader)) {
            sequencer.close();
            sessionFactory.close();
        }
    }

    private String describe(StoreSettings settings) {
        try (Session session = sessionFactory.openSession()) {
            return session.doReturningWork(connection -> {
                DatabaseMetaData meta = connection.getMetaData();
                String product = meta.getDatabaseProductName();
                String version = meta.getDatabaseProductVersion().split(" ")[0];
                String where = settings.h2File() != null
                        ? "file " + settings.h2File()
                        : "database " + connection.getCatalog();
                return product + " " + version + " (" + where + ")";
            });
        }
    }

    @Override
    public String toString() {
        return "HibernateStore[" + description + "]";
    }
}
