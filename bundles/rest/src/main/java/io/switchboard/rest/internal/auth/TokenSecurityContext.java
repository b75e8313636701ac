package io.switchboard.rest.internal.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The caller of a request authenticated by bearer token. */
final class TokenSecurityContext implements SecurityContext {
    private final ApiPrincipal principal;
    private final boolean secure;

    TokenSecurityContext(ApiPrincipal principal, boolean secure) {
        this.principal = principal;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return Role.parse(role).map(principal.role()::includes).orElse(false);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
