package io.switchboard.tickets;

import java.time.Instant;

/**
 * An agent's availability for calls.
 *
 * @param name the agent (their token's name)
 * @param available whether they take calls now
 * @param phoneNumber where to ring them, in E.164, or null
 * @param clientIdentity their softphone identity, or null
 * @param availableSince when they last became available, null while not available
 * @param lastOfferedAt when a call was last offered to them, null if never
 * @param onCallSince since when they have been on a call (ringing or talking), null when free
 */
public record AgentStatus(String name, boolean available, String phoneNumber, String clientIdentity,
        Instant availableSince, Instant lastOfferedAt, Instant onCallSince) {

    /** Since when the agent has had nothing to do: since the later of becoming available and their last call. */
    public Instant idleSince() {
        if (lastOfferedAt == null) {
            return availableSince;
        }
        return availableSince == null || lastOfferedAt.isAfter(availableSince) ? lastOfferedAt : availableSince;
    }
}
