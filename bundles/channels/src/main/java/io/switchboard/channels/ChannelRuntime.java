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

    /**
     * Places a call for a ticket through the voice instance of its most recent voice conversation:
     * rings the agent at {@code ringAt} first, then connects them to the customer. The call is
     * recorded before the provider is asked and offered to it once only; once the provider took it,
     * it is logged on the ticket as an outbound CALL entry.
     *
     * @return the call as it stands once the provider answered: PLACED, FAILED or UNKNOWN
     * @throws java.util.NoSuchElementException when the ticket does not exist
     * @throws IllegalStateException when the ticket has no voice conversation, its voice instance is not
     *     running, or its channel type does not place calls (nothing is recorded then)
     */
    PlacedCall startCall(long ticketId, io.switchboard.api.channel.AgentContact ringAt,
            io.switchboard.api.channel.OutboundCall.Purpose purpose);
}
