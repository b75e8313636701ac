package io.switchboard.api.channel;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of channel a connector provides, such as {@code sms-twilio}: registered once as an OSGi
 * service by the connector bundle, it creates one {@link ChannelInstance} per configuration.
 *
 * <p>The connector describes the instance configuration with a Metatype object class designated for
 * the factory PID {@link #configurationPid(String) configurationPid(id())}. That description is the
 * only one: the admin console renders it as a form, the REST API validates against it, and
 * password-typed attributes are treated as secrets that are never returned.
 */
@ConsumerType
public interface ChannelType {

    /** Prefix of every channel factory PID. */
    String PID_PREFIX = "switchboard.channel.";

    /**
     * The factory PID of a channel type's configurations: {@code switchboard.channel.} and the type
     * id with {@code -} turned into {@code _} (configuration file names use {@code -} to separate the
     * PID from the instance name).
     */
    static String configurationPid(String typeId) {
        return PID_PREFIX + typeId.replace('-', '_');
    }

    /** A stable id in lower case with dashes, e.g. {@code sms-twilio}. */
    String id();

    /** A name for people, e.g. "SMS (Twilio)". */
    String displayName();

    ChannelKind kind();

    Set<Capability> capabilities();

    /**
     * Creates an instance for one configuration. Must return quickly and must not call the provider:
     * an instance that needs to check its credentials does so on {@link ChannelContext#scheduler()}
     * and reports the outcome through {@link ChannelContext#reportHealth(Health)}.
     *
     * @throws IllegalArgumentException if the configuration is unusable; the message names the field
     */
    ChannelInstance create(ChannelContext context);
}
