package io.switchboard.bridges.internal;

import io.switchboard.api.bridge.ApplyResult;
import io.switchboard.api.bridge.BridgeContext;
import io.switchboard.api.bridge.BridgeInstance;
import io.switchboard.api.bridge.BridgeType;
import io.switchboard.api.bridge.ExternalRefs;
import io.switchboard.api.bridge.ModelChange;
import io.switchboard.api.bridge.ModelView;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running bridge instance and the thread it runs on. Everything the bridge does happens on that
 * one thread: the changes offered in stream order, and whatever it schedules itself (polling the
 * product). So a bridge never sees two calls at once, and disposing it waits for the call under way.
 */
final class BridgeHandle {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeHandle.class);
    private static final int BATCH = 100;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    final String id;
    final String type;
    final String pid;
    private final BridgeModel model;
    private final Map<String, Object> configuration;
    private final ScheduledThreadPoolExecutor thread;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Context context = new Context();
    private volatile BridgeInstance instance;
    private volatile Health health = Health.starting();
    private volatile boolean disposed;
    private Duration backoff;

    BridgeHandle(String id, String type, String pid, Map<String, Object> configuration, BridgeModel model,
            Duration pollInterval, Duration initialBackoff) {
        this.id = id;
        this.type = type;
        this.pid = pid;
        this.configuration = Map.copyOf(configuration);
        this.model = model;
        this.pollInterval = pollInterval;
        this.initialBackoff = initialBackoff;
        this.backoff = initialBackoff;
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "switchboard-bridge-" + id);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /**
     * Creates the bridge on its own thread and starts following the change stream.
     *
     * @throws IllegalArgumentException when the bridge refuses its configuration (the message names the field)
     */
    void start(BridgeType bridgeType) {
        BridgeInstance created = bridgeType.create(context);
        if (created == null) {
            throw new IllegalStateException("create returned null");
        }
        instance = created;
        thread.execute(this::follow);
    }

    Health health() {
        return health;
    }

    /** Offers the changes after the cursor, one by one, until none is left or one must wait. */
    private void follow() {
        if (disposed) {
            return;
        }
        Duration next = pollInterval;
        try {
            next = drain();
        } catch (RuntimeException e) {
            // The store is unreachable: the cursor did not move, so nothing is lost; try again later.
            LOG.warn("Bridge instance {} could not read the change stream", id, e);
            next = nextBackoff();
        }
        if (!disposed) {
            thread.schedule(this::follow, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Duration drain() {
        while (!disposed) {
            long cursor = model.cursor();
            List<ModelChange> changes = model.changesAfter(cursor, BATCH);
            if (changes.isEmpty()) {
                return pollInterval;
            }
            for (ModelChange change : changes) {
                ApplyResult result = apply(change);
                if (result instanceof ApplyResult.Retry retry) {
                    LOG.info("Bridge instance {} will retry change {}: {}", id, change.position(), retry.reason());
                    return retry.after() != null ? retry.after() : nextBackoff();
                }
                if (result instanceof ApplyResult.Failed failed) {
                    LOG.error("Bridge instance {} could not apply change {} ({} {}) and skipped it: {}", id,
                            change.position(), change.kind(), change.entityId(), failed.reason());
                }
                model.saveCursor(change.position());
                backoff = initialBackoff;
            }
        }
        return pollInterval;
    }

    private ApplyResult apply(ModelChange change) {
        try {
            ApplyResult result = instance.apply(change);
            if (result == null) {
                throw new IllegalStateException("apply returned null");
            }
            return result;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Bridge instance {} failed on change {}", id, change.position(), e);
            return ApplyResult.retry("the bridge failed: " + e);
        }
    }

    private Duration nextBackoff() {
        Duration current = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        return current;
    }

    /** Stops the thread after the call under way and disposes the bridge. */
    void dispose() {
        disposed = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Bridge instance {} did not finish its call within 30 s; disposing it anyway", id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BridgeInstance current = instance;
        if (current != null) {
            try {
                current.dispose();
            } catch (RuntimeException e) {
                LOG.warn("Bridge instance {} failed while being disposed", id, e);
            }
        }
    }

    private final class Context implements BridgeContext {
        private void requireRunning() {
            if (disposed) {
                throw new IllegalStateException("bridge instance " + id + " has been disposed");
            }
        }

        @Override
        public String instanceId() {
            return id;
        }

        @Override
        public Map<String, Object> configuration() {
            return configuration;
        }

        @Override
        public ScheduledExecutorService scheduler() {
            requireRunning();
            return thread;
        }

        @Override
        public void reportHealth(Health reported) {
            requireRunning();
            health = reported;
        }

        @Override
        public ModelView model() {
            requireRunning();
            return model;
        }

        @Override
        public ExternalRefs refs() {
            requireRunning();
            return model;
        }

        @Override
        public Optional<String> state(String key) {
            requireRunning();
            return model.state(bridgeKey(key));
        }

        @Override
        public void saveState(String key, String value) {
            requireRunning();
            model.saveState(bridgeKey(key), value);
        }

        private String bridgeKey(String key) {
            if (key == null || key.isBlank() || key.length() > 200) {
                throw new IllegalArgumentException("a state key is 1-200 characters");
            }
            return "bridge." + key;
        }

        @Override
        public long reply(long ticketId, String author, String text, String externalId) {
            requireRunning();
            return model.entryFromProduct(ticketId, externalId, true, author, text);
        }

        @Override
        public long note(long ticketId, String author, String text, String externalId) {
            requireRunning();
            return model.entryFromProduct(ticketId, externalId, false, author, text);
        }

        @Override
        public void changeStatus(long ticketId, TicketStatus status, String actor, String eventId) {
            requireRunning();
            model.statusFromProduct(ticketId, status, actor, eventId);
        }
    }
}
