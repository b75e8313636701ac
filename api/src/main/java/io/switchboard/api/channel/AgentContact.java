package io.switchboard.api.channel;

import java.util.Objects;

/**
 * An agent who takes calls now, and where to ring them: a phone number, a Twilio Client identity, or
 * both (then the number is the one the agent chose last).
 *
 * @param name the agent's name, as calls and replies name their author
 * @param phoneNumber E.164, or null
 * @param clientIdentity a softphone identity, or null
 * @since 1.2
 */
public record AgentContact(String name, String phoneNumber, String clientIdentity) {
    public AgentContact {
        Objects.requireNonNull(name, "name");
        if (phoneNumber == null && clientIdentity == null) {
            throw new IllegalArgumentException("an agent needs a phone number or a client identity");
        }
    }
}
