package io.switchboard.testkit;

import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Health;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A channel context for a connector's unit tests that behaves like the core's where a connector can
 * tell: a single-thread scheduler of its own, and health reports and ingested events kept for the test
 * to inspect. After {@link #close()} (the core's dispose) every call throws, as in the core.
 */
public final class RecordingChannelContext implements ChannelContext, AutoCloseable {
    private final String instanceId;
    private final Map<String, Object> configuration;
    private final List<Health> healthReports = new CopyOnWriteArrayList<>();
    private final List<ChannelEvent> ingested = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-channel-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final long mediaSizeLimit;
    private volatile boolean closed;

    public RecordingChannelContext(String instanceId, Map<String, Object> configuration) {
        this(instanceId, configuration, 20L * 1024 * 1024);
    }

    /** A context whose core keeps at most {@code mediaSizeLimit} bytes of an attachment. */
    public RecordingChannelContext(String instanceId, Map<String, Object> configuration, long mediaSizeLimit) {
        this.instanceId = instanceId;
        this.configuration = Map.copyOf(configuration);
        this.mediaSizeLimit = mediaSizeLimit;
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
        ensureOpen();
        return scheduler;
    }

    @Override
    public void reportHealth(Health health) {
        ensureOpen();
        healthReports.add(health);
    }

    @Override
    public void ingest(List<ChannelEvent> events) {
        ensureOpen();
        ingested.addAll(events);
    }

    @Override
    public long mediaSizeLimit() {
        return mediaSizeLimit;
    }

    /** Every health report, oldest first. */
    public List<Health> healthReports() {
        return List.copyOf(healthReports);
    }

    /** The latest health report, or null before the first. */
    public Health lastHealth() {
        return healthReports.isEmpty() ? null : healthReports.get(healthReports.size() - 1);
    }

    /** Events the instance stored through {@link #ingest}, in order. */
    public List<ChannelEvent> ingested() {
        return List.copyOf(ingested);
    }

    /** Waits until the tasks scheduled to run by now have run (later ones have not). */
    public void awaitScheduledTasks() throws Exception {
        scheduler.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    /** Stops the scheduler, cancelling what is still queued, as the core does on dispose. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("a scheduled task did not stop");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("channel instance " + instanceId + " was disposed");
        }
    }
}
