package io.switchboard.rest.internal.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.rest.internal.problem.Validation;
import io.switchboard.tickets.AgentStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/**
 * Agents' availability for calls: each agent says whether they take calls and where to ring them;
 * the voice queues offer calls to the available agents, the one idle the longest first.
 */
@Path("api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentResource {
    private final CoreServices services;

    public AgentResource(CoreServices services) {
        this.services = services;
    }

    public record AvailabilityRequest(Boolean available, String phoneNumber, String clientIdentity) {
    }

    /** An agent's availability; numbers and instants are null when not known. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentView(String name, boolean available, String phoneNumber, String clientIdentity,
            Instant availableSince, Instant lastOfferedAt, Instant onCallSince) {

        static AgentView of(AgentStatus s) {
            return new AgentView(s.name(), s.available(), s.phoneNumber(), s.clientIdentity(), s.availableSince(),
                    s.lastOfferedAt(), s.onCallSince());
        }
    }

    /** The agents who take calls now and are not on one, in the order the queues offer calls to them. */
    public record AgentList(List<AgentView> agents) {
    }

    @GET
    public AgentList available() {
        return new AgentList(services.tickets().availableAgents().stream().map(AgentView::of).toList());
    }

    @GET
    @Path("me/availability")
    public AgentView myAvailability(@Context SecurityContext security) {
        String name = Callers.name(security);
        return services.tickets().agent(name).map(AgentView::of)
                .orElseGet(() -> new AgentView(name, false, null, null, null, null, null));
    }

    @PUT
    @Path("me/availability")
    @Consumes(MediaType.APPLICATION_JSON)
    public AgentView setMyAvailability(AvailabilityRequest body, @Context SecurityContext security) {
        Validation.requireBody(body);
        new Validation().check(body.available() != null, "available", "is required: true or false").throwIfInvalid();
        return AgentView.of(FieldErrors.named(() -> services.tickets().setAvailability(Callers.name(security),
                body.available(), body.phoneNumber(), body.clientIdentity())));
    }
}
