package io.switchboard.store;

import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Transactions over the ticket model. Registered as a service only once the database is migrated and
 * ready, so that anything referencing it can use it at once.
 */
@ProviderType
public interface Store {

    /**
     * Runs {@code work} in a transaction and commits it; joins the transaction already running on
     * this thread, if any. The commit is durable when this returns.
     *
     * @throws UniqueViolation when the commit breaks a unique constraint (a concurrent duplicate)
     */
    <T> T transaction(Function<EntityManager, T> work);

    /**
     * Like {@link #transaction}, but a transaction that lost a race with a concurrent one — a {@link
     * UniqueViolation}, or a {@link jakarta.persistence.OptimisticLockException} because another
     * transaction changed the same row first — is run again from the start, a few times, before the
     * conflict is thrown. Only for work whose effects are all in this transaction (nothing sent, no
     * files written). Inside an outer transaction it runs once; the outer one owns the retries.
     */
    <T> T transactionRetryingConflicts(Function<EntityManager, T> work);

    default void run(Consumer<EntityManager> work) {
        transaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Which database this is, for people: "H2 (file …)" or "PostgreSQL 15.x". */
    String description();
}
