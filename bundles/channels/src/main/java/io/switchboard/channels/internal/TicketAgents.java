package io.switchboard.channels.internal;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.tickets.TicketService;
import java.util.List;
import java.util.function.Supplier;

/** What connectors see of the agents' availability, which the ticket service keeps. */
final class TicketAgents implements InstanceHandle.AgentDirectory {
    private final Supplier<TicketService> tickets;

    TicketAgents(Supplier<TicketService> tickets) {
        this.tickets = tickets;
    }

    @Override
    public List<AgentContact> available() {
        TicketService service = tickets.get();
        if (service == null) {
            // Callers keep waiting in the queue until the core is back.
            return List.of();
        }
        return service.availableAgents().stream()
                .map(a -> new AgentContact(a.name(), a.phoneNumber(), a.clientIdentity()))
                .toList();
    }

    @Override
    public void offered(String agentName) {
        TicketService service = tickets.get();
        if (service != null) {
            service.agentOffered(agentName);
        }
    }

    @Override
    public void released(String agentName) {
        TicketService service = tickets.get();
        if (service != null) {
            service.agentReleased(agentName);
        }
    }
}
