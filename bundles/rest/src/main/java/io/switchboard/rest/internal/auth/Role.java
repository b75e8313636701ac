package io.switchboard.rest.internal.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a token may do. An admin may do everything an agent may. */
public enum Role {
    AGENT, ADMIN;

    /** The name stored and shown: {@code agent} or {@code admin}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return this == ADMIN || this == other;
    }

    public static Optional<Role> parse(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
