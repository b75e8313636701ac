package io.switchboard.rest.internal.resource;

import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Identity;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.rest.internal.problem.Validation;
import io.switchboard.tickets.ChannelConsent;
import io.switchboard.tickets.CustomerDetail;
import io.switchboard.tickets.CustomerKeyword;
import io.switchboard.tickets.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/** Customers with their identities; merging two records of one person. */
@Path("api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
public final class CustomerResource {
    static final int KEYWORDS_SHOWN = 50;

    private final CoreServices services;

    public CustomerResource(CoreServices services) {
        this.services = services;
    }

    public record MergeRequest(Long sourceId) {
    }

    @GET
    public Page<Customer> list(@QueryParam("search") String search, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        QueryParameters parameters = new QueryParameters();
        int pageNumber = parameters.page(page);
        int pageSize = parameters.size(size);
        parameters.throwIfInvalid();
        return services.tickets().customers(QueryParameters.text(search), pageNumber, pageSize);
    }

    /**
     * A customer in detail: besides their identities, the consent recorded for each of their addresses
     * on each channel instance, and the keywords they sent (STOP, START, HELP, …), newest first.
     */
    public record CustomerView(long id, String name, List<Identity> identities, Instant createdAt,
            List<ChannelConsent> consent, List<CustomerKeyword> keywords) {
    }

    @GET
    @Path("{id}")
    public CustomerView get(@PathParam("id") long id) {
        CustomerDetail detail = services.tickets().customerDetail(id, KEYWORDS_SHOWN)
                .orElseThrow(() -> new NoSuchElementException("There is no customer " + id + "."));
        Customer customer = detail.customer();
        return new CustomerView(customer.id(), customer.name(), customer.identities(), customer.createdAt(),
                detail.consent(), detail.keywords());
    }

    /** Folds customer {@code sourceId} into this one, which keeps its id. */
    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Customer merge(@PathParam("id") long id, MergeRequest body, @Context SecurityContext security) {
        Validation.requireBody(body);
        new Validation().require("sourceId", body.sourceId())
                .check(body.sourceId() == null || body.sourceId() != id, "sourceId",
                        "must be another customer than the one merged into")
                .throwIfInvalid();
        return services.tickets().merge(body.sourceId(), id, Callers.name(security));
    }
}
