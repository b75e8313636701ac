package io.switchboard.rest.internal.auth;

import io.switchboard.rest.internal.problem.Problem;
import io.switchboard.rest.internal.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the bearer token of every request under {@code /api/}, before resource matching, so
 * that without a valid token even an unknown address under {@code /api/} only answers 401. The API
 * description is the one public document there.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    static final String PUBLIC_API_DOCUMENT = "api/v1/openapi.json";
    private static final String BEARER = "bearer ";

    private final ApiTokens tokens;

    public AuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = stripLeadingSlashes(request.getUriInfo().getPath());
        boolean required = (path.equals("api") || path.startsWith("api/")) && !path.equals(PUBLIC_API_DOCUMENT);
        if (!required) {
            return;
        }
        Optional<String> token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            request.abortWith(missingToken());
            return;
        }
        Optional<ApiPrincipal> principal = tokens.authenticate(token.get());
        if (principal.isEmpty()) {
            Problem problem = Problems.unauthorized("The API token is not valid.");
            request.abortWith(Problems.response(problem, Map.of(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer realm=\"switchboard\", error=\"invalid_token\"")));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new TokenSecurityContext(principal.get(), secure));
    }

    /** 401 for a request that brought no token, with the challenge RFC 6750 asks for. */
    static Response missingToken() {
        return Problems.response(Problems.unauthorized("Send an API token as 'Authorization: Bearer <token>'."),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\""));
    }

    private static Optional<String> bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static String stripLeadingSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }
}
