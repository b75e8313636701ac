package io.switchboard.connector.webhookgeneric.internal;

import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.ChannelType;
import io.switchboard.api.channel.Health;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic webhook channel type: any system that can POST signed JSON and receive signed JSON
 * callbacks becomes a channel, with no provider SDK. Its configuration is {@link
 * WebhookGenericConfiguration}.
 */
@Component(service = ChannelType.class)
public final class WebhookGenericChannelType implements ChannelType {

    static final String TYPE_ID = "webhook-generic";
    /** {@code ChannelType.configurationPid(TYPE_ID)}, spelled out because annotations need a constant. */
    static final String CONFIGURATION_PID = "switchboard.channel.webhook_generic";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookGenericChannelType.class);
    private static final Set<Capability> CAPABILITIES =
            Set.of(Capability.TEXT, Capability.MEDIA, Capability.DELIVERY_RECEIPTS);

    @Override
    public String id() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "Generic webhook (JSON API)";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.API;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Validates and builds; there is no provider whose credentials could be checked, so it is online. */
    @Override
    public ChannelInstance create(ChannelContext context) {
        ChannelSettings settings = ChannelSettings.from(context.configuration());
        WebhookGenericChannel channel = new WebhookGenericChannel(context.instanceId(), settings);
        context.reportHealth(Health.online());
        // The host only: a callback URL may carry a token in its path or query.
        LOG.info("Channel {} sends replies to host {}", context.instanceId(), settings.callbackUrl().getHost());
        return channel;
    }
}
