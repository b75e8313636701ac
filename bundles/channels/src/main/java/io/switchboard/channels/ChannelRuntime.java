package io.switchboard.channels;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installed channel types and configured instances. Instances are ConfigAdmin factory configurations
 * of their type's PID, whether created here or dropped into {@code deploy/} as files.
 */
@ProviderType
public interface ChannelRuntime {

    List<ChannelTypeInfo> types();

    Optional<ChannelTypeInfo> type(String typeId);

    List<InstanceInfo> instances();

    Optional<InstanceInfo> instance(String instanceId);

    /**
     * Creates an instance of an installed type.
     *
     * @throws InvalidConfigurationException if the values do not fit the type's schema
     * @throws IllegalStateException if the id is taken
     * @throws java.util.NoSuchElementException if the type is not installed
     */
    InstanceInfo create(String typeId, String instanceId, Map<String, Object> values);

    /**
     * Replaces an instance's configuration. Secret fields left out keep their current value.
     */
    InstanceInfo update(String instanceId, Map<String, Object> values);

    /** Deletes an instance's configuration; its queued replies fail with a reason saying so. */
    void delete(String instanceId);

    List<ChannelStats> stats();
}
