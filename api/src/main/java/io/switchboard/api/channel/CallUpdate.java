package io.switchboard.api.channel;

import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * News about a phone call: it started, went through the menu, waited in a queue, was answered, ended,
 * left a recording or got its transcript. A voice connector sends one whenever the provider reports
 * something, carrying only what it learned.
 *
 * <p>The core keeps <b>one</b> call, and one {@link io.switchboard.api.model.EntryType#CALL} timeline
 * entry, per instance and {@link #callId()}. The first update of a call files it like an inbound
 * message: the customer is found or created by {@link #caller()}, and the call joins their open
 * conversation on the instance or opens a ticket. Each later update fills in what it carries:
 * <ul>
 * <li>non-null fields replace the stored ones; null fields keep them;</li>
 * <li>an empty {@link #ivrPath()} keeps the stored path;</li>
 * <li>a {@link #recording()} is added once as an attachment of the call's entry, and fetched like MMS
 *     media, through {@link ChannelInstance#fetchMedia};</li>
 * <li>a {@link #transcript()} (Twilio's transcription callback, which comes later) is attached to the
 *     same entry.</li>
 * </ul>
 * Updates may arrive in any order and more than once: like every event they are de-duplicated by
 * {@link #eventId()}, and two updates of one call are never merged into a loss of either.
 *
 * <p>A call from a withheld number has a caller address of kind {@link
 * io.switchboard.api.model.IdentityKind#EXTERNAL} that names the call, for example {@code
 * twilio-call:<CallSid>}.
 *
 * @param caller the customer on the line: the caller of an inbound call, the one called by an outbound call
 * @param callId the provider's id of the call, the same in every update of it
 * @param direction INBOUND when null
 * @param outcome how the call ended, or null while it goes on
 * @param ivrPath the menu choices made, in order (for example {@code ["main", "billing"]}); empty when unknown
 * @param queue the queue the caller waited in, or null
 * @param ivrTime time in the menu, or null when unknown
 * @param waitTime time waiting in the queue, or null when unknown
 * @param talkTime time talking with an agent, or null when unknown
 * @param agent who answered, as the connector names agents (a phone number, a client identity), or null
 * @param endedAt when the call ended, or null while it goes on
 * @param recording the call's recording or voicemail, or null
 * @param transcript the voicemail's transcript, or null
 * @since 1.2
 */
public record CallUpdate(String eventId, Instant occurredAt, Contact caller, String callId, Direction direction,
        CallOutcome outcome, List<String> ivrPath, String queue, Duration ivrTime, Duration waitTime,
        Duration talkTime, String agent, Instant endedAt, Attachment recording, String transcript)
        implements ChannelEvent {
    public CallUpdate {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("a call update needs an event id");
        }
        java.util.Objects.requireNonNull(caller, "caller");
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("a call update needs a call id");
        }
        for (Duration duration : new Duration[] {ivrTime, waitTime, talkTime}) {
            if (duration != null && duration.isNegative()) {
                throw new IllegalArgumentException("a call's durations cannot be negative");
            }
        }
        direction = direction == null ? Direction.INBOUND : direction;
        ivrPath = ivrPath == null ? List.of() : List.copyOf(ivrPath);
        occurredAt = occurredAt == null ? Instant.now() : occurredAt;
    }
}
