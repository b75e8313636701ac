package io.switchboard.connector.smstwilio.internal;

import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Health;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A context like the core's: a single-thread scheduler of its own, health reports recorded. */
final class FakeChannelContext implements ChannelContext {

    final List<Health> healthReports = new CopyOnWriteArrayList<>();
    private final String instanceId;
    private final Map<String, Object> configuration;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fake-channel-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    FakeChannelContext(String instanceId, Map<String, Object> configuration) {
        this.instanceId = instanceId;
        this.configuration = Map.copyOf(configuration);
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
        return scheduler;
    }

    @Override
    public void reportHealth(Health health) {
        healthReports.add(health);
    }

    /** Events the channel stored out of band: only consent changes from refused sends. */
    final List<ChannelEvent> ingested = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void ingest(List<ChannelEvent> events) {
        ingested.addAll(events);
    }

    /** Waits until the tasks submitted so far for now have run (later ones have not). */
    void awaitScheduledTasks() throws Exception {
        scheduler.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    /** Stops the scheduler, cancelling what is still queued, as the core does on dispose. */
    void close() throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("a scheduled task did not stop");
        }
    }
}
