package io.switchboard.connector.smstwilio.internal;

import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.ChannelType;
import io.switchboard.connector.twilio.HealthReporter;
import io.switchboard.connector.twilio.TwilioTransport;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio SMS channel type: one instance per Twilio number or Messaging Service an admin configures
 * ({@link SmsTwilioConfiguration}).
 */
@Component(service = ChannelType.class)
public final class SmsTwilioChannelType implements ChannelType {

    static final String TYPE_ID = "sms-twilio";
    /** {@code ChannelType.configurationPid(TYPE_ID)}, spelled out because annotations need a constant. */
    static final String CONFIGURATION_PID = "switchboard.channel.sms_twilio";

    private static final Logger LOG = LoggerFactory.getLogger(SmsTwilioChannelType.class);
    private static final Set<Capability> CAPABILITIES =
            Set.of(Capability.TEXT, Capability.MEDIA, Capability.DELIVERY_RECEIPTS);

    @Override
    public String id() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "SMS (Twilio)";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * Validates and builds without calling Twilio; the sender check (and the webhook set-up, when
     * configured) runs on the core's scheduler and reports the health.
     */
    @Override
    public ChannelInstance create(ChannelContext context) {
        TwilioSettings settings = TwilioSettings.from(context.configuration());
        TwilioTransport transport = TwilioTransport.create(settings.apiBaseUrl());
        HealthReporter health = new HealthReporter(context);
        SmsTwilioChannel channel;
        try {
            channel = new SmsTwilioChannel(context.instanceId(), settings, transport, health,
                    change -> context.ingest(List.of(change)), context.mediaSizeLimit());
            context.scheduler().execute(new SenderCheck(context, transport, settings, health));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        LOG.info("Channel {} sends SMS from {}{}", context.instanceId(),
                settings.phoneNumber() != null ? settings.phoneNumber() : settings.messagingServiceSid(),
                settings.apiBaseUrl() == null ? "" : " through the test API at " + settings.apiBaseUrl());
        return channel;
    }
}
