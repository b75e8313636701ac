package io.switchboard.api.bridge;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of bridge a plug-in provides, such as {@code request-tracker}: registered once as an OSGi
 * service, it creates one {@link BridgeInstance} per configuration. The configuration is described
 * by a Metatype object class designated for {@link #configurationPid(String) configurationPid(id())};
 * password-typed attributes are secrets.
 */
@ConsumerType
public interface BridgeType {

    /** Prefix of every bridge factory PID. */
    String PID_PREFIX = "switchboard.bridge.";

    /** {@code switchboard.bridge.} and the type id with {@code -} turned into {@code _}. */
    static String configurationPid(String typeId) {
        return PID_PREFIX + typeId.replace('-', '_');
    }

    /** A stable id in lower case with dashes, e.g. {@code request-tracker}. */
    String id();

    /** A name for people, e.g. "Request Tracker 5". */
    String displayName();

    /**
     * Creates an instance for one configuration. Must return quickly and must not call the product:
     * credentials are checked on {@link BridgeContext#scheduler()} and reported as health.
     *
     * @throws IllegalArgumentException if the configuration is unusable; the message names the field
     */
    BridgeInstance create(BridgeContext context);
}
