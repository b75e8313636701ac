package io.switchboard.rest.internal.auth;

import java.security.Principal;

/** Who is calling: the name of the token, which is also the author of what they write. */
public record ApiPrincipal(String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
