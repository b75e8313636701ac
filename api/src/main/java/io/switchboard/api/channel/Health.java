package io.switchboard.api.channel;

import java.util.Objects;

/**
 * An instance's health: a status, why, and a sentence an admin can act on. A network failure is a
 * {@link Reason#COMMUNICATION_ERROR}, not a configuration error.
 */
public record Health(Status status, Reason reason, String message) {

    public enum Status { UNKNOWN, ONLINE, DEGRADED, OFFLINE }

    public enum Reason { NONE, STARTING, CONFIGURATION_ERROR, COMMUNICATION_ERROR, PROVIDER_ERROR, INTERNAL_ERROR }

    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    public static Health online() {
        return new Health(Status.ONLINE, Reason.NONE, "");
    }

    public static Health starting() {
        return new Health(Status.UNKNOWN, Reason.STARTING, "starting");
    }

    public static Health degraded(Reason reason, String message) {
        return new Health(Status.DEGRADED, reason, message);
    }

    public static Health offline(Reason reason, String message) {
        return new Health(Status.OFFLINE, reason, message);
    }
}
