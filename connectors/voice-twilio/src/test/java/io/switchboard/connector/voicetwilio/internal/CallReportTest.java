package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALLER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALL_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOOKS;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.form;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPostTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.testkit.RecordingChannelContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole calls driven as Twilio drives them, each request signed and sent to the URL the previous
 * answer named (the status callback to the number's URL), checking the call updates each one reports.
 * The clock moves between requests as the call goes on; the office in New York is open Monday to
 * Friday 09:00-17:00.
 */
class CallReportTest {

    private static final Contact ADA = new Contact(Address.phone(CALLER), List.of(), null);
    private static final String QUEUE_SID = "QU0123456789abcdef0123456789abcdef";
    private static final String RECORDING_SID = "RE0123456789abcdef0123456789abcdef";
    private static final String RECORDING_URL = "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Recordings/" + RECORDING_SID;
    private static final Attachment RECORDING = new Attachment(RECORDING_URL + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1);

    private final MovingClock clock = new MovingClock(CallFlowTest.OPEN);
    private RecordingChannelContext context;
    private ChannelInstance channel;

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void aCallThroughTheMenusIntoTheQueueIsAnsweredThere() {
        channel();
        Instant start = clock.instant();
        Result incoming = send(signedPost("/voice", call()));
        assertEquals(List.of(update(CALL_SID + ":incoming", start, null, List.of(), null, null, null, null, null)),
                incoming.events());

        clock.advance(8);
        Result billing = send(signedPostTo(Twiml.attribute(incoming.twiml(), "Gather", "action"), call("Digits", "1")));
        assertEquals(List.of(update(CALL_SID + ":menu:1:1", start.plusSeconds(8), null, List.of("main (1)"), null, null,
                null, null, null)), billing.events(), "a sub-menu: the path so far, still in the menus");

        clock.advance(12);
        Result queued = send(signedPostTo(Twiml.attribute(billing.twiml(), "Gather", "action"), call("Digits", "1")));
        assertEquals(List.of(update(CALL_SID + ":menu:2:1", start.plusSeconds(20), null, List.of("main (1)", "billing (1)"),
                null, Duration.ofSeconds(20), null, null, null)), queued.events(), "leaving the menus: the time in them");

        clock.advance(5);
        Result waiting = send(signedPostTo(Twiml.attribute(queued.twiml(), "Enqueue", "waitUrl"),
                call("QueueSid", QUEUE_SID, "QueuePosition", "2", "QueueTime", "5", "AvgQueueTime", "60",
                        "CurrentQueueSize", "2", "CallStatus", "queued")));
        assertEquals(List.of(update(CALL_SID + ":wait:" + QUEUE_SID + ":5", start.plusSeconds(25), null, List.of(),
                "billing", null, Duration.ofSeconds(5), null, null)), waiting.events());
        assertEquals("Say language=en-US voice=Polly.Joanna: You are number 2 in line. The estimated wait is about"
                + " 1 minute.\nPlay: " + Fixtures.HOLD_MUSIC, Twiml.describe(waiting.twiml()));
        Result stillWaiting = send(signedPostTo(Twiml.attribute(queued.twiml(), "Enqueue", "waitUrl"),
                call("QueueSid", QUEUE_SID, "QueuePosition", "1", "QueueTime", "95", "CallStatus", "queued")));
        assertEquals(CALL_SID + ":wait:" + QUEUE_SID + ":95", only(stillWaiting).eventId());

        // Picked up after 100 s in the queue (entered at 20 s); Twilio asks the action once both sides hung up, 4 min later.
        clock.advance(95 + 240);
        Result bridged = send(signedPostTo(Twiml.attribute(queued.twiml(), "Enqueue", "action"),
                call("QueueSid", QUEUE_SID, "QueueResult", "bridged", "QueueTime", "100")));
        assertEquals(List.of(update(CALL_SID + ":queue:" + QUEUE_SID + ":bridged", clock.instant(), CallOutcome.ANSWERED,
                List.of(), "billing", null, Duration.ofSeconds(100), Duration.ofSeconds(240), null)), bridged.events());
        assertEquals("Hangup", Twiml.describe(bridged.twiml()));

        clock.advance(2);
        Result status = send(signedPost("/voice/status", call("CallStatus", "completed", "CallDuration", "367",
                "Timestamp", "Mon, 30 Nov 2026 15:06:07 +0000", "CallbackSource", "call-progress-events", "SequenceNumber", "0")));
        Instant ended = Instant.parse("2026-11-30T15:06:07Z");
        assertEquals(List.of(update(CALL_SID + ":status:completed", ended.minusSeconds(367), null, List.of(), null, null,
                null, null, ended)), status.events(), "the end, and the start it implies; how it went is known already");
        assertEquals(204, status.accepted().response().status());

        assertAllDistinct(incoming, billing, queued, waiting, stillWaiting, bridged, status);
    }

    @Test
    void aCallerWhoHangsUpInTheQueueAbandonedTheCall() {
        channel();
        Result queued = send(signedPost("/voice/menu?node=main&attempt=1&start=" + CallFlowTest.OPEN_SECONDS + "&step=1",
                call("Digits", "2")));
        assertEquals(List.of("main (2)"), only(queued).ivrPath());

        clock.advance(75);
        Result hangup = send(signedPostTo(Twiml.attribute(queued.twiml(), "Enqueue", "action"),
                call("QueueSid", QUEUE_SID, "QueueResult", "hangup", "QueueTime", "75", "CallStatus", "completed")));

        assertEquals(List.of(update(CALL_SID + ":queue:" + QUEUE_SID + ":hangup", clock.instant(), CallOutcome.ABANDONED,
                List.of(), "technical", null, Duration.ofSeconds(75), null, clock.instant())), hangup.events());
        assertEquals(0, Twiml.parse(hangup.twiml()).getChildNodes().getLength(), "the caller is gone: nothing to say");
        Result status = send(signedPost("/voice/status", call("CallStatus", "completed", "CallDuration", "75")));
        assertNull(only(status).outcome(), "the status callback does not overwrite the abandonment");
        assertEquals(clock.instant(), only(status).endedAt(), "without Twilio's Timestamp, when it came");
    }

    @Test
    void aCallerWhoCouldNotWaitIsOfferedTheVoicemail() {
        channel();
        Result full = send(signedPost("/voice/queued?queue=billing&path=main%3A1%2Cbilling%3A1&queued=" + CallFlowTest.OPEN_SECONDS,
                call("QueueResult", "queue-full")));

        CallUpdate update = only(full);
        assertNull(update.outcome(), "the voicemail, if any, reports itself");
        assertNull(update.waitTime(), "Twilio sends no QueueTime for a call it never enqueued");
        assertEquals(CALL_SID + ":queue:billing:queue-full", update.eventId());
        assertEquals(HOOKS + "/voice/recording?from=%2B14155550199&path=main%3A1%2Cbilling%3A1",
                Twiml.attribute(full.twiml(), "Record", "recordingStatusCallback"));
    }

    @Test
    void aVoicemailWithALateTranscriptLandsOnTheCallInAnyOrder() {
        channel();
        Result incoming = send(signedPost("/voice", call()));
        clock.advance(6);
        Result voicemail = send(signedPostTo(Twiml.attribute(incoming.twiml(), "Gather", "action"), call("Digits", "9")));
        assertEquals(Duration.ofSeconds(6), only(voicemail).ivrTime());
        String recordingCallback = Twiml.attribute(voicemail.twiml(), "Record", "recordingStatusCallback");
        String transcriptionCallback = Twiml.attribute(voicemail.twiml(), "Record", "transcribeCallback");

        clock.advance(50);
        Result recording = send(signedPostTo(recordingCallback, form("AccountSid", ACCOUNT_SID, "CallSid", CALL_SID,
                "RecordingSid", RECORDING_SID, "RecordingUrl", RECORDING_URL, "RecordingStatus", "completed",
                "RecordingDuration", "42", "RecordingStartTime", "Mon, 30 Nov 2026 15:00:08 +0000")));
        clock.advance(70);
        Result transcript = send(signedPostTo(transcriptionCallback, form("AccountSid", ACCOUNT_SID, "CallSid", CALL_SID,
                "RecordingSid", RECORDING_SID, "RecordingUrl", RECORDING_URL, "TranscriptionSid", "TR01",
                "TranscriptionStatus", "completed", "TranscriptionText", "Please call me back about invoice 4711.")));

        CallUpdate left = only(recording);
        assertEquals(new CallUpdate(RECORDING_SID, Instant.parse("2026-11-30T15:00:08Z"), ADA, CALL_SID, Direction.INBOUND,
                CallOutcome.VOICEMAIL, List.of("main (9)"), null, null, null, null, null, null, RECORDING, null), left);
        CallUpdate words = only(transcript);
        assertEquals(new CallUpdate("TR01", clock.instant(), ADA, CALL_SID, Direction.INBOUND, CallOutcome.VOICEMAIL,
                List.of("main (9)"), null, null, null, null, null, null, RECORDING,
                "Please call me back about invoice 4711."), words,
                "on its own a complete voicemail too, so it may come first");
        assertEquals(204, send(signedPost("/voice/status", call("CallStatus", "completed", "CallDuration", "60")))
                .accepted().response().status());
    }

    @Test
    void outsideBusinessHoursTheCallEndsInTheVoicemail() {
        clock.set(CallFlowTest.WEEKEND);
        channel();
        Result incoming = send(signedPost("/voice", call()));
        assertEquals(List.of(update(CALL_SID + ":incoming", CallFlowTest.WEEKEND, null, List.of("after hours"), null, null,
                null, null, null)), incoming.events());

        clock.advance(40);
        Result recording = send(signedPostTo(Twiml.attribute(incoming.twiml(), "Record", "recordingStatusCallback"),
                form("AccountSid", ACCOUNT_SID, "CallSid", CALL_SID, "RecordingSid", RECORDING_SID,
                        "RecordingUrl", RECORDING_URL, "RecordingStatus", "completed")));

        CallUpdate update = only(recording);
        assertEquals(CallOutcome.VOICEMAIL, update.outcome());
        assertEquals(List.of("after hours"), update.ivrPath());
        assertEquals(RECORDING, update.recording());
        assertEquals(clock.instant(), update.occurredAt(), "without RecordingStartTime, when it came");
    }

    @Test
    void aQueueChosenAfterClosingTimeEndsTheMenusInTheVoicemail() {
        clock.set(CallFlowTest.WEEKEND);
        channel();
        Instant start = clock.instant();
        Result incoming = send(signedPost("/voice/menu?node=main&attempt=1&start=" + start.getEpochSecond() + "&step=1",
                call("Digits", "2")));
        clock.advance(3);

        assertEquals(List.of("main (2)", "after hours"), only(incoming).ivrPath());
        assertEquals(Duration.ZERO, only(incoming).ivrTime());
    }

    @Test
    void callsThatNeverReachedTheMenusAreMissed() {
        channel();
        Set<String> ids = new HashSet<>();
        for (String status : List.of("busy", "no-answer", "failed", "canceled")) {
            CallUpdate update = only(send(signedPost("/voice/status", call("CallStatus", status, "CallDuration", "0",
                    "Timestamp", "Mon, 30 Nov 2026 15:00:30 +0000"))));

            assertEquals(CallOutcome.MISSED, update.outcome(), status);
            assertEquals(Instant.parse("2026-11-30T15:00:30Z"), update.endedAt());
            ids.add(update.eventId());
        }
        assertEquals(4, ids.size());
        for (String status : List.of("ringing", "in-progress", "answered")) {
            assertEquals(List.of(), send(signedPost("/voice/status", call("CallStatus", status))).events(),
                    "not the end: nothing new");
        }
    }

    @Test
    void repeatsOfAMenuReportNothingAndTheirChoicesAreTold() {
        channel();
        Result incoming = send(signedPost("/voice", call()));
        Result again = send(signedPostTo(Twiml.attribute(incoming.twiml(), "Gather", "action"), call("Digits", "5")));
        assertEquals(List.of(), again.events(), "the path did not change");

        Result chosen = send(signedPostTo(Twiml.attribute(again.twiml(), "Gather", "action"), call("Digits", "1")));
        Result back = send(signedPostTo(Twiml.attribute(chosen.twiml(), "Gather", "action"), call("Digits", "*")));
        Result billingAgain = send(signedPostTo(Twiml.attribute(back.twiml(), "Gather", "action"), call("Digits", "1")));

        assertEquals(List.of("main (1)"), only(chosen).ivrPath());
        assertEquals(List.of("main (1)", "billing (*)", "main (1)"), only(billingAgain).ivrPath());
        assertNotEquals(only(chosen).eventId(), only(billingAgain).eventId(), "the same menu and choice, a later step");
        assertEquals(only(chosen), only(send(signedPostTo(Twiml.attribute(again.twiml(), "Gather", "action"),
                call("Digits", "1")))), "a redelivery is the same update");
    }

    @Test
    void aWithheldCallerIsTheCall() {
        channel();
        CallUpdate update = only(send(signedPost("/voice", call("From", "+266696687", "Caller", "+266696687"))));

        assertEquals(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", CALL_SID), update.caller().replyAddress());
    }

    @Test
    void callRequestsWithoutTheirCallAreMalformed() {
        channel();
        Map<String, String> noCall = call("CallStatus", "completed");
        noCall.remove("CallSid");
        for (String path : List.of("/voice", "/voice/menu?node=main&attempt=1", "/voice/status", "/voice/queued?queue=billing")) {
            Map<String, String> request = new java.util.HashMap<>(noCall);
            request.put("Digits", "2");
            request.put("QueueResult", "hangup");
            InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                    channel.receive(signedPost(path, request)), path);
            assertEquals(Reason.MALFORMED, rejected.reason(), path);
            assertEquals("CallSid is missing", rejected.detail(), path);
        }
        assertEquals("QueueResult is missing", assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/voice/queued?queue=billing", call()))).detail());
    }

    @Test
    void aForgedStatusCallbackIsRejected() {
        channel();
        Map<String, String> status = call("CallStatus", "no-answer");
        WebhookRequest forged = Fixtures.post("/voice/status", status, io.switchboard.connector.twilio.TwilioSignatures.sign(
                "00000000000000000000000000000000", HOOKS + "/voice/status", status));

        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class, channel.receive(forged)).reason());
    }

    private static CallUpdate update(String eventId, Instant occurredAt, CallOutcome outcome, List<String> path, String queue,
            Duration ivrTime, Duration waitTime, Duration talkTime, Instant endedAt) {
        return new CallUpdate(eventId, occurredAt, ADA, CALL_SID, Direction.INBOUND, outcome, path, queue, ivrTime, waitTime,
                talkTime, null, endedAt, null, null);
    }

    private static void assertAllDistinct(Result... results) {
        List<String> ids = new ArrayList<>();
        for (Result result : results) {
            result.events().forEach(event -> ids.add(event.eventId()));
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids.toString());
    }

    private static CallUpdate only(Result result) {
        assertEquals(1, result.events().size(), result.events().toString());
        return assertInstanceOf(CallUpdate.class, result.events().get(0));
    }

    private Result send(WebhookRequest request) {
        return new Result(assertInstanceOf(InboundResult.Accepted.class, channel.receive(request)));
    }

    private void channel() {
        context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration(null));
        channel = new VoiceTwilioChannelType(clock).create(context);
    }

    private record Result(InboundResult.Accepted accepted) {
        List<ChannelEvent> events() {
            return accepted.events();
        }

        String twiml() {
            return new String(accepted.response().body(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A clock the test moves forward as the call goes on; read by the channel on every request. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
