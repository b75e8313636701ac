package io.switchboard.connector.webhookgeneric.internal;

import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Health;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/** The smallest context a channel instance can live in: it records health and refuses the rest. */
final class FakeChannelContext implements ChannelContext {

    final List<Health> healthReports = new CopyOnWriteArrayList<>();
    private final String instanceId;
    private final Map<String, Object> configuration;

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

    /** This connector has nothing to schedule; a call would be a bug worth failing on. */
    @Override
    public ScheduledExecutorService scheduler() {
        throw new UnsupportedOperationException("the webhook channel must not need a scheduler");
    }

    @Override
    public void reportHealth(Health health) {
        healthReports.add(health);
    }

    /** Events of this channel only arrive through webhooks. */
    @Override
    public void ingest(List<ChannelEvent> events) {
        throw new UnsupportedOperationException("the webhook channel must not ingest out of band");
    }
}
