package io.switchboard.rest.internal.resource;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.channels.PlacedCall;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.rest.internal.problem.ProblemException;
import io.switchboard.rest.internal.problem.Problems;
import io.switchboard.tickets.CallbackRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * Callers waiting to be called back, in their places. An agent accepts the first one of a queue, and
 * Switchboard calls the agent, then the caller, through the voice channel they called; the call joins
 * their ticket.
 */
@Path("api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public final class CallbackResource {
    private final CoreServices services;

    public CallbackResource(CoreServices services) {
        this.services = services;
    }

    public record CallbackList(List<CallbackRequest> callbacks) {
    }

    /** The accepted request as it stands once the call was placed, and the call. */
    public record AcceptedCallback(CallbackRequest callback, PlacedCall call) {
    }

    @GET
    public CallbackList waiting() {
        return new CallbackList(services.tickets().waitingCallbacks());
    }

    @POST
    @Path("{id}/accept")
    public Response accept(@PathParam("id") long id, @Context SecurityContext security) {
        String agent = Callers.name(security);
        AgentContact ringAt = TicketResource.ringAtFromAvailability(services, agent);
        CallbackRequest accepted = services.tickets().acceptCallback(id, agent);
        PlacedCall placed;
        try {
            placed = services.channels().startCall(accepted.ticketId(), ringAt, OutboundCall.Purpose.CALLBACK);
        } catch (IllegalStateException | java.util.NoSuchElementException e) {
            // Refused before anything was recorded (no voice channel, not running): the caller keeps their place.
            // Any other failure may come after the provider took the call, so the request stays out of the queue.
            services.tickets().finishCallback(id, null, "FAILED", e.getMessage());
            throw e;
        }
        CallbackRequest finished = services.tickets().finishCallback(id, placed.id(), placed.state(), placed.detail());
        if (!"PLACED".equals(placed.state())) {
            throw TicketResource.notPlaced(placed,
                    " The callback request is " + finished.state().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return Response.status(Response.Status.CREATED).entity(new AcceptedCallback(finished, placed)).build();
    }

    static ProblemException noContact() {
        return new ProblemException(Problems.validation("Where to ring you is not known: give a phoneNumber or a"
                + " clientIdentity, or set them with PUT /api/v1/agents/me/availability.",
                Map.of("phoneNumber", "is required when your availability gives none")));
    }
}
