package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.auth.ApiPrincipal;
import io.switchboard.rest.internal.auth.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Who the token belongs to, for clients that want to show it. */
@Path("api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

    public record Me(String name, Role role) {
    }

    @GET
    public Me get(@Context SecurityContext security) {
        ApiPrincipal caller = Callers.of(security);
        return new Me(caller.name(), caller.role());
    }
}
