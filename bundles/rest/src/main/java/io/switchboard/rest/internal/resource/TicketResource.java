package io.switchboard.rest.internal.resource;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.Priority;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.channels.PlacedCall;
import io.switchboard.rest.internal.problem.ProblemException;
import io.switchboard.rest.internal.problem.Problems;
import io.switchboard.rest.internal.problem.Validation;
import io.switchboard.tickets.Page;
import io.switchboard.tickets.TicketChange;
import io.switchboard.tickets.TicketQuery;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** Tickets, as agents work them: list, open one, reply, write a note, change its fields. */
@Path("api/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
public final class TicketResource {
    private final CoreServices services;

    public TicketResource(CoreServices services) {
        this.services = services;
    }

    public record ReplyRequest(String text, Long conversationId) {
    }

    public record NoteRequest(String text) {
    }

    /** Where to ring the agent for this call; both left out: where their availability says. */
    public record CallRequest(String phoneNumber, String clientIdentity) {
    }

    /** Fields left out (or null) stay as they are; an empty assignee unassigns. */
    public record TicketPatch(TicketStatus status, Priority priority, String assignee, String queue,
            Set<String> tags, String subject) {
    }

    @GET
    public Page<Ticket> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
            @QueryParam("assignee") String assignee, @QueryParam("queue") String queue,
            @QueryParam("customer") String customer, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        QueryParameters parameters = new QueryParameters();
        TicketQuery query = new TicketQuery(
                parameters.enumValue("status", status, TicketStatus.class),
                QueryParameters.text(channel),
                QueryParameters.text(assignee),
                QueryParameters.text(queue),
                parameters.id("customer", customer),
                parameters.page(page),
                parameters.size(size));
        parameters.throwIfInvalid();
        return services.tickets().list(query);
    }

    @GET
    @Path("{id}")
    public TicketView get(@PathParam("id") long id) {
        return view(services.tickets().get(id).orElseThrow(() -> noSuchTicket(id)));
    }

    @POST
    @Path("{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("id") long id, ReplyRequest body, @Context SecurityContext security) {
        Validation.requireBody(body);
        new Validation().require("text", body.text())
                .check(body.conversationId() == null || body.conversationId() > 0, "conversationId",
                        "must be a positive whole number")
                .throwIfInvalid();
        TimelineEntry entry = services.tickets().reply(id, body.conversationId(), Callers.name(security), body.text());
        // 202: the reply is queued in the outbox; its delivery status moves on from QUEUED later.
        return Response.accepted(entry).build();
    }

    @POST
    @Path("{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addNote(@PathParam("id") long id, NoteRequest body, @Context SecurityContext security) {
        Validation.requireBody(body);
        new Validation().require("text", body.text()).throwIfInvalid();
        TimelineEntry entry = services.tickets().addNote(id, Callers.name(security), body.text());
        return Response.status(Response.Status.CREATED).entity(entry).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public TicketView update(@PathParam("id") long id, TicketPatch body, @Context SecurityContext security) {
        Validation.requireBody(body);
        new Validation()
                .check(body.subject() == null || !body.subject().isBlank(), "subject", "must not be blank")
                .check(body.tags() == null || body.tags().stream().noneMatch(tag -> tag == null || tag.isBlank()),
                        "tags", "must not contain empty tags")
                .throwIfInvalid();
        TicketChange change = new TicketChange(body.status(), body.priority(), body.assignee(), body.queue(),
                body.tags(), body.subject());
        return view(services.tickets().update(id, change, Callers.name(security)));
    }

    /**
     * Attachments are stored in the same transaction as their message, so none of the ticket's is
     * missing here; the same holds for a call and its entry.
     */
    private TicketView view(Ticket ticket) {
        boolean hasCalls = ticket.timeline().stream().anyMatch(e -> e.type() == EntryType.CALL);
        return TicketView.of(ticket, services.tickets().attachments(ticket.id()),
                hasCalls ? services.tickets().calls(ticket.id()) : List.of());
    }

    /**
     * Click-to-call: rings the calling agent, then connects them to the ticket's customer through the
     * ticket's voice channel. The call is on the ticket once the provider took it.
     */
    @POST
    @Path("{id}/calls")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response call(@PathParam("id") long id, CallRequest body, @Context SecurityContext security) {
        String agent = Callers.name(security);
        services.tickets().get(id).orElseThrow(() -> noSuchTicket(id));
        boolean given = body != null && (present(body.phoneNumber()) || present(body.clientIdentity()));
        AgentContact ringAt = given
                ? FieldErrors.named(() -> services.tickets().checkContact(agent, body.phoneNumber(), body.clientIdentity()))
                : ringAtFromAvailability(services, agent);
        PlacedCall placed = services.channels().startCall(id, ringAt, OutboundCall.Purpose.CLICK_TO_CALL);
        if (!"PLACED".equals(placed.state())) {
            throw notPlaced(placed, "");
        }
        return Response.status(Response.Status.CREATED).entity(placed).build();
    }

    /** Where the agent's availability says to ring them; a validation problem when it says nowhere. */
    static AgentContact ringAtFromAvailability(CoreServices services, String agent) {
        return services.tickets().agent(agent)
                .filter(a -> a.phoneNumber() != null || a.clientIdentity() != null)
                .map(a -> new AgentContact(a.name(), a.phoneNumber(), a.clientIdentity()))
                .orElseThrow(CallbackResource::noContact);
    }

    /** 502: the provider refused the call, or whether it was placed is unknown. */
    static ProblemException notPlaced(PlacedCall placed, String more) {
        String detail = "UNKNOWN".equals(placed.state())
                ? "The voice channel " + placed.instance() + " may or may not have placed call " + placed.id() + " ("
                        + placed.detail() + "); look at the ticket before calling again."
                : "The voice channel " + placed.instance() + " could not place the call: " + placed.detail() + ".";
        return new ProblemException(Problems.forStatus(502, detail + (more == null ? "" : more)));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static NoSuchElementException noSuchTicket(long id) {
        return new NoSuchElementException("There is no ticket " + id + ".");
    }
}
