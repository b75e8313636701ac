package io.switchboard.rest.internal.auth;

import io.switchboard.rest.internal.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/** Lets a request through only when its token has the role the resource method needs. */
@Priority(Priorities.AUTHORIZATION)
final class AccessFilter implements ContainerRequestFilter {
    private final Role required;

    AccessFilter(Role required) {
        this.required = required;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof ApiPrincipal caller)) {
            request.abortWith(AuthenticationFilter.missingToken());
            return;
        }
        if (!caller.role().includes(required)) {
            request.abortWith(Problems.response(Problems.forbidden(
                    "This needs a token with the " + required.id() + " role.")));
        }
    }
}
