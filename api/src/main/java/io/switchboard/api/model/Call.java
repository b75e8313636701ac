package io.switchboard.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A phone call as the core keeps it: the details of a {@link EntryType#CALL} timeline entry. Fields
 * the provider has not reported (yet) are null.
 *
 * @param entryId the timeline entry of the call
 * @param callId the provider's id of the call (Twilio's CallSid)
 * @param outcome null while the call is in progress
 * @param ivrPath the menu choices the caller made, in order; empty when there was no menu
 * @param queue the queue the caller waited in, or null
 * @param ivrTime time spent in the menu
 * @param waitTime time spent waiting in the queue
 * @param talkTime time spent talking with an agent
 * @param agent the agent who talked with the caller, as the connector names them
 * @param startedAt when the call started, as early as any update reported
 * @param endedAt null while the call is in progress
 * @param transcript the voicemail's transcript, once the provider delivered it
 * @since 1.1
 */
public record Call(long entryId, String channelInstance, String callId, Direction direction, CallOutcome outcome,
        List<String> ivrPath, String queue, Duration ivrTime, Duration waitTime, Duration talkTime, String agent,
        Instant startedAt, Instant endedAt, String transcript) {
    public Call {
        ivrPath = ivrPath == null ? List.of() : List.copyOf(ivrPath);
    }
}
