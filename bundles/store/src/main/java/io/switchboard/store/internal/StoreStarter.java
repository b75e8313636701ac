package io.switchboard.store.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store on a thread of its own and publishes it once it works. Opening takes seconds
 * (migrations, Hibernate's boot), which must not hold up the framework's start; when the database
 * cannot be reached, it is tried again every few seconds until it can, or until {@link #stop()}.
 */
final class StoreStarter {
    private static final Logger LOG = LoggerFactory.getLogger(StoreStarter.class);
    /** How long {@link #stop()} waits for an opening that is under way to finish. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /** Takes a published store back. */
    interface Publication {
        void withdraw();
    }

    private final StoreSettings settings;
    private final Function<StoreSettings, HibernateStore> opener;
    private final Function<HibernateStore, Publication> publisher;
    private final Duration retryDelay;
    private final Object lock = new Object();
    private final Thread thread;

    // guarded by lock
    private boolean stopping;
    private HibernateStore store;
    private Publication publication;

    StoreStarter(StoreSettings settings, Function<StoreSettings, HibernateStore> opener,
            Function<HibernateStore, Publication> publisher, Duration retryDelay) {
        this.settings = Objects.requireNonNull(settings);
        this.opener = Objects.requireNonNull(opener);
        this.publisher = Objects.requireNonNull(publisher);
        this.retryDelay = Objects.requireNonNull(retryDelay);
        this.thread = new Thread(this::openAndPublish, "switchboard-store-start");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Withdraws the store, closes it and ends the start thread. An opening under way is not
     * interrupted (an interrupt can close H2's file channel mid-write); it is waited for and its
     * result closed instead.
     */
    void stop() {
        Publication withdrawn;
        HibernateStore closing;
        synchronized (lock) {
            stopping = true;
            withdrawn = publication;
            closing = store;
            publication = null;
            store = null;
            lock.notifyAll();
        }
        if (withdrawn != null) {
            withdrawn.withdraw();
        }
        if (closing != null) {
            closing.close();
            LOG.info("Store closed: {}", closing.description());
        }
        awaitThread();
    }

    private void awaitThread() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(STOP_WAIT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("Store still opening after {} s; it will be closed as soon as it is open",
                        STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void openAndPublish() {
        long started = System.nanoTime();
        String lastFailure = null;
        int attempt = 0;
        while (!isStopping()) {
            attempt++;
            HibernateStore opened;
            try {
                opened = opener.apply(settings);
            } catch (RuntimeException | LinkageError e) {
                String failure = describe(e);
                // One line per distinct failure, not a stack trace every few seconds; the trace is
                // there at debug level for whoever needs it.
                if (!failure.equals(lastFailure)) {
                    LOG.warn("Store cannot open {}: {} (trying again every {} ms)",
                            settings.redactedUrl(), failure, retryDelay.toMillis());
                }
                LOG.debug("Store opening attempt {} failed", attempt, e);
                lastFailure = failure;
                pauseBeforeRetry();
                continue;
            }
            publish(opened, started);
            return;
        }
    }

    private void publish(HibernateStore opened, long started) {
        if (isStopping()) {
            opened.close();
            return;
        }
        // Registering calls other components back synchronously, so it happens outside the lock.
        // Until stop() can see the store, this thread alone owns it.
        Publication published = publisher.apply(opened);
        synchronized (lock) {
            if (!stopping) {
                store = opened;
                publication = published;
                LOG.info("Store ready: {} ({} ms)", opened.description(), (System.nanoTime() - started) / 1_000_000);
                return;
            }
        }
        published.withdraw();
        opened.close();
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private void pauseBeforeRetry() {
        long deadline = System.nanoTime() + retryDelay.toNanos();
        synchronized (lock) {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The deepest cause's message: "Connection refused", not three layers of wrapping. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && depth < 32; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
