package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.auth.AdminOnly;
import io.switchboard.rest.internal.auth.ApiTokens;
import io.switchboard.rest.internal.auth.IssuedToken;
import io.switchboard.rest.internal.auth.Role;
import io.switchboard.rest.internal.auth.TokenRecord;
import io.switchboard.rest.internal.problem.Validation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** API tokens, for admins. A token is shown once, in the answer that creates it. */
@Path("api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class TokenResource {
    static final int MAX_NAME_LENGTH = 100;

    private final ApiTokens tokens;

    public TokenResource(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public record CreateTokenRequest(String name, String role) {
    }

    public record TokenView(long id, String name, Role role, Instant createdAt) {
        static TokenView of(TokenRecord record) {
            return new TokenView(record.id(), record.name(), record.role(), record.createdAt());
        }
    }

    public record CreatedToken(long id, String name, Role role, Instant createdAt, String token) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateTokenRequest body, @Context UriInfo uri) {
        Validation.requireBody(body);
        Optional<Role> role = Role.parse(body.role());
        new Validation().require("name", body.name())
                .check(body.name() == null || body.name().trim().length() <= MAX_NAME_LENGTH, "name",
                        "must be at most " + MAX_NAME_LENGTH + " characters")
                .require("role", body.role())
                .check(body.role() == null || role.isPresent(), "role", "must be agent or admin")
                .throwIfInvalid();
        IssuedToken issued = tokens.issue(body.name().trim(), role.get());
        TokenRecord record = issued.record();
        URI location = uri.getBaseUriBuilder().path("api/v1/tokens").path(Long.toString(record.id())).build();
        return Response.created(location)
                .entity(new CreatedToken(record.id(), record.name(), record.role(), record.createdAt(), issued.token()))
                .build();
    }

    @GET
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        if (!tokens.revoke(id)) {
            throw new NoSuchElementException("There is no token " + id + ".");
        }
        return Response.noContent().build();
    }
}
