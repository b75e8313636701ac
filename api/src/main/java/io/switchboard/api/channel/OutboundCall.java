package io.switchboard.api.channel;

import io.switchboard.api.model.Address;
import java.util.Objects;

/**
 * A call the core asks a voice instance to place: ring the agent first, and once they answer,
 * connect them to the customer. The call belongs to a ticket; the connector reports it with {@link
 * CallUpdate}s like any call, direction {@link io.switchboard.api.model.Direction#OUTBOUND}, with the
 * provider's call id it returned from {@link ChannelInstance#startCall}, so that they land on the
 * ticket's call entry.
 *
 * @param id the core's id of this call, the same if it is ever offered again
 * @param ticketId the ticket the call is made for
 * @param to the customer's address (a phone number in E.164)
 * @param agent who places the call, and where to ring them
 * @param purpose why: an agent's click on a ticket, or a callback a caller asked for
 * @since 1.2
 */
public record OutboundCall(String id, long ticketId, Address to, AgentContact agent, Purpose purpose) {

    /** Why a call is placed. */
    public enum Purpose {
        /** An agent started it from a ticket. */
        CLICK_TO_CALL,
        /** A caller waiting in a queue asked to be called back. */
        CALLBACK
    }

    public OutboundCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(purpose, "purpose");
    }
}
