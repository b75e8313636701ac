package io.switchboard.connector.twilio;

import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.Health;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports an instance's health to the core when it changes, and logs the change once. */
public final class HealthReporter {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final ChannelContext context;
    private final AtomicReference<Health> last = new AtomicReference<>();

    public HealthReporter(ChannelContext context) {
        this.context = context;
    }

    public void report(Health health) {
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

    /**
     * After a call to Twilio with the account's credentials went through (a send, a download): they
     * evidently work, so their rejection by the {@link AccountCheck} no longer holds.
     */
    public void credentialsWorked() {
        Health current = last.get();
        if (current != null && current.status() != Health.Status.ONLINE
                && current.reason() == Health.Reason.CONFIGURATION_ERROR
                && current.message().startsWith(AccountCheck.CREDENTIALS_REJECTED)) {
            report(Health.online());
        }
    }
}
