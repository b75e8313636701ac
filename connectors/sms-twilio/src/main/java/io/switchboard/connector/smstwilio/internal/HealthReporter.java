package io.switchboard.connector.smstwilio.internal;

import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.Health;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports an instance's health to the core when it changes, and logs the change once. */
final class HealthReporter {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final ChannelContext context;
    private final AtomicReference<Health> last = new AtomicReference<>();

    HealthReporter(ChannelContext context) {
        this.context = context;
    }

    void report(Health health) {
        if (health.equals(last.getAndSet(health))) {
            return;
        }
        try {
            context.reportHealth(health);
        } catch (IllegalStateException e) {
            // The instance was disposed meanwhile; nobody asks for its health any more.
            return;
        }
        if (health.status() == Health.Status.ONLINE) {
            LOG.info("Channel {} is online", context.instanceId());
        } else {
            LOG.warn("Channel {} is {} ({}): {}", context.instanceId(), health.status(), health.reason(), health.message());
        }
    }

    /** After a send went through: credentials and sender evidently work. */
    void sendSucceeded() {
        Health current = last.get();
        if (current != null && current.status() != Health.Status.ONLINE
                && current.reason() == Health.Reason.CONFIGURATION_ERROR
                && current.message().startsWith(SenderCheck.CREDENTIALS_REJECTED)) {
            report(Health.online());
        }
    }
}
