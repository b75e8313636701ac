package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.auth.ApiPrincipal;
import io.switchboard.rest.internal.problem.ProblemException;
import io.switchboard.rest.internal.problem.Problems;
import jakarta.ws.rs.core.SecurityContext;

/** Who made a request, as the author of what it writes. */
final class Callers {
    private Callers() {
    }

    static ApiPrincipal of(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof ApiPrincipal principal) {
            return principal;
        }
        // Unreachable behind the access filter; kept so that a mistake there cannot write as nobody.
        throw new ProblemException(Problems.unauthorized("This needs an API token."));
    }

    static String name(SecurityContext security) {
        return of(security).name();
    }
}
