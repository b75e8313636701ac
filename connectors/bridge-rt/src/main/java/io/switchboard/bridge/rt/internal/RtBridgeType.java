package io.switchboard.bridge.rt.internal;

import io.switchboard.api.bridge.BridgeContext;
import io.switchboard.api.bridge.BridgeInstance;
import io.switchboard.api.bridge.BridgeType;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Request Tracker 5 bridge: one instance per RT server an admin configures ({@link RtConfiguration}). */
@Component(service = BridgeType.class)
public final class RtBridgeType implements BridgeType {
    static final String TYPE_ID = "request-tracker";
    /** {@code BridgeType.configurationPid(TYPE_ID)}, spelled out because annotations need a constant. */
    static final String CONFIGURATION_PID = "switchboard.bridge.request_tracker";

    private static final Logger LOG = LoggerFactory.getLogger(RtBridgeType.class);

    @Override
    public String id() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "Request Tracker 5";
    }

    /** Validates and builds without calling RT; the first poll, on the core's scheduler, checks the login. */
    @Override
    public BridgeInstance create(BridgeContext context) {
        RtSettings settings = RtSettings.from(context.configuration());
        RtBridge bridge = new RtBridge(context, settings,
                new RtClient(settings.url(), settings.username(), settings.password()));
        bridge.start();
        LOG.info("Bridge {} mirrors Switchboard into RT at {} as user {}", context.instanceId(), settings.url(),
                settings.username());
        return bridge;
    }
}
