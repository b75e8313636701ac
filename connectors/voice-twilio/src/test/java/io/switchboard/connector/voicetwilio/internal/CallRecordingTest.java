package io.switchboard.connector.voicetwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALLER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALL_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOOKS;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.NUMBER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.form;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPostTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.TwilioSignatures;
import io.switchboard.testkit.RecordingChannelContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recorded calls: the announcement, the {@code <Dial>} that records a call bridged to an agent (from the
 * queue, and for a call placed for an agent), and the recording's status callback as Twilio sends it.
 */
class CallRecordingTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String VOICE = "language=en-US voice=Polly.Joanna";
    private static final String QUEUED = "/voice/queued?queue=billing&path=main%3A1%2Cbilling%3A1&queued=1795964400";
    private static final String DIALED = HOOKS + "/voice/dialed?queue=billing&path=main%3A1%2Cbilling%3A1"
            + "&queued=1795964400&agent=alice&tried=alice";
    private static final AgentContact ALICE = new AgentContact("alice", "+14155550101", null);
    private static final String RECORDING_SID = "RE0123456789abcdef0123456789abcdef";
    private static final String RECORDING_URL = "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Recordings/" + RECORDING_SID;
    private static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";
    private static final String CUSTOMER = "+14155550177";
    private static final String PLACED_SID = "CAfedcba9876543210fedcba9876543210";
    private static final String OUTBOUND_QUERY = "?to=%2B14155550177&agent=alice&outbound=call-1";

    private QueueRoutingTest.Agents context;
    private ChannelInstance channel;

    @AfterEach
    void close() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void theCallerHearsTheAnnouncementAfterTheGreetingAndBeforeTheMenu() {
        open(true, null);
        String twiml = Twiml.answer(channel.receive(signedPost("/voice", call())));

        List<String> lines = List.of(Twiml.describe(twiml).split("\n"));
        assertEquals("Say " + VOICE + ": Welcome to Example support.", lines.get(0));
        assertEquals("Say " + VOICE + ": " + VoiceSettings.DEFAULT_RECORDING_ANNOUNCEMENT, lines.get(1));
        assertEquals("Gather", lines.get(2).split(" ")[0]);
        assertEquals(5, lines.size(), twiml);
    }

    @Test
    void theAdminWordsTheAnnouncement() {
        open(true, "  Calls are recorded. Say \"no recording\" to an agent to have yours deleted.  ");
        String twiml = Twiml.answer(channel.receive(signedPost("/voice", call())));

        assertEquals("Say " + VOICE + ": Calls are recorded. Say \"no recording\" to an agent to have yours deleted.",
                Twiml.describe(twiml).split("\n")[1]);
    }

    @Test
    void withoutRecordingNothingIsAnnouncedNorRecorded() {
        open(false, "Never said.");
        String welcome = Twiml.answer(channel.receive(signedPost("/voice", call())));
        List<String> lines = List.of(Twiml.describe(welcome).split("\n"));
        assertEquals("Say " + VOICE + ": Welcome to Example support.", lines.get(0));
        assertEquals("Gather", lines.get(1).split(" ")[0]);
        assertEquals(4, lines.size(), welcome);

        context.available.add(ALICE);
        String dial = Twiml.answer(channel.receive(signedPost(QUEUED, left())));
        assertEquals("Dial action=" + DIALED + " method=POST timeout=20\n  Number: +14155550101", Twiml.describe(dial));
    }

    @Test
    void aCallerRungThroughToAnAgentIsRecordedFromTheAnswerOnTwoChannels() {
        open(true, null);
        context.available.add(ALICE);

        String dial = Twiml.answer(channel.receive(signedPost(QUEUED, left())));

        assertEquals("Dial action=" + DIALED + " method=POST record=record-from-answer-dual"
                + " recordingStatusCallback=" + HOOKS + "/voice/call-recording?from=%2B14155550199"
                + " recordingStatusCallbackEvent=completed recordingStatusCallbackMethod=POST timeout=20\n"
                + "  Number: +14155550101", Twiml.describe(dial));
    }

    @Test
    void theCompletedRecordingJoinsTheCallersCallWithoutChangingHowItEnded() {
        open(true, null);
        context.available.add(ALICE);
        String dial = Twiml.answer(channel.receive(signedPost(QUEUED, left())));

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, channel.receive(signedPostTo(
                Twiml.attribute(dial, "Dial", "recordingStatusCallback"), recording("completed", CALL_SID))));

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>",
                new String(accepted.response().body(), StandardCharsets.UTF_8));
        assertEquals(1, accepted.events().size());
        CallUpdate update = assertInstanceOf(CallUpdate.class, accepted.events().get(0));
        assertEquals(new CallUpdate(RECORDING_SID, Instant.parse("2026-11-30T15:01:10Z"),
                new io.switchboard.api.channel.Contact(Address.phone(CALLER), List.of(), null), CALL_SID,
                Direction.INBOUND, null, List.of(), null, null, null, null, null, null,
                new Attachment(RECORDING_URL + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1), null), update);
        assertNull(update.outcome(), "the queue's action reported the call answered");
    }

    @Test
    void aRecordingThatIsNotCompleteStoresNothing() {
        open(true, null);
        for (String status : List.of("in-progress", "absent", "failed")) {
            InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, channel.receive(
                    signedPost("/voice/call-recording?from=%2B14155550199", recording(status, CALL_SID))));
            assertEquals(List.of(), accepted.events(), status);
        }
    }

    @Test
    void aWithheldCallersRecordingJoinsTheirCall() {
        open(true, null);
        CallUpdate update = only(channel.receive(signedPost("/voice/call-recording?from=%2B266696687",
                recording("completed", CALL_SID))));
        assertEquals(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", CALL_SID), update.caller().replyAddress());
    }

    @Test
    void aForgedRecordingCallbackIsRejected() {
        open(true, null);
        Map<String, String> form = recording("completed", CALL_SID);
        // Signed for another caller than the URL names: the URL is part of what Twilio signs.
        String signature = TwilioSignatures.sign(Fixtures.AUTH_TOKEN, HOOKS + "/voice/call-recording?from=%2B14155550111", form);

        InboundResult forged = channel.receive(Fixtures.post("/voice/call-recording?from=%2B14155550199", form, signature));

        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class, forged).reason());
        InboundResult unsigned = channel.receive(Fixtures.post("/voice/call-recording?from=%2B14155550199", form,
                "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class, unsigned).reason());
    }

    @Test
    void aRecordingCallbackWithoutItsRecordingIsMalformed() {
        open(true, null);
        Map<String, String> noUrl = recording("completed", CALL_SID);
        noUrl.remove("RecordingUrl");
        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/voice/call-recording?from=%2B14155550199", noUrl)));
        assertEquals(Reason.MALFORMED, rejected.reason());
        assertEquals("RecordingUrl is missing", rejected.detail());
    }

    @Test
    void aCallPlacedForAnAgentAnnouncesTheRecordingToTheCustomerAndRecordsTheBridge() {
        open(true, null);
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + PLACED_SID + "\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"to\": \"+14155550101\","
                        + " \"from\": \"" + NUMBER + "\", \"status\": \"queued\", \"direction\": \"outbound-api\"}")));

        assertEquals(SendResult.sent(PLACED_SID), channel.startCall(new OutboundCall("call-1", 42, Address.phone(CUSTOMER),
                ALICE, OutboundCall.Purpose.CLICK_TO_CALL)));

        String bridge = placedTwiml();
        assertEquals("Dial action=" + HOOKS + "/voice/outbound/dialed" + OUTBOUND_QUERY + " callerId=" + NUMBER
                + " method=POST record=record-from-answer-dual recordingStatusCallback=" + HOOKS
                + "/voice/call-recording" + OUTBOUND_QUERY + " recordingStatusCallbackEvent=completed"
                + " recordingStatusCallbackMethod=POST\n"
                + "  Number method=POST url=" + HOOKS + "/voice/announce: " + CUSTOMER, Twiml.describe(bridge));

        // The customer picked up: Twilio asks the number's URL what they hear before the agent is put through.
        String announcement = Twiml.of(channel.receive(signedPostTo(Twiml.attribute(bridge, "Number", "url"),
                form("AccountSid", ACCOUNT_SID, "CallSid", "CA22222222222222222222222222222222", "From", NUMBER,
                        "To", CUSTOMER, "Direction", "outbound-dial", "CallStatus", "in-progress"))));
        assertEquals("Say " + VOICE + ": " + VoiceSettings.DEFAULT_RECORDING_ANNOUNCEMENT, Twiml.describe(announcement));

        CallUpdate update = only(channel.receive(signedPostTo(Twiml.attribute(bridge, "Dial", "recordingStatusCallback"),
                recording("completed", PLACED_SID))));
        assertEquals(new CallUpdate(RECORDING_SID, Instant.parse("2026-11-30T15:01:10Z"),
                new io.switchboard.api.channel.Contact(Address.phone(CUSTOMER), List.of(), null), PLACED_SID,
                Direction.OUTBOUND, null, List.of(), null, null, null, null, "alice", null,
                new Attachment(RECORDING_URL + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1), null), update);
    }

    @Test
    void withoutRecordingACallPlacedForAnAgentIsBridgedAsBefore() {
        open(false, null);
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + PLACED_SID + "\", \"status\": \"queued\"}")));
        channel.startCall(new OutboundCall("call-1", 42, Address.phone(CUSTOMER), ALICE, OutboundCall.Purpose.CLICK_TO_CALL));

        assertEquals("Dial action=" + HOOKS + "/voice/outbound/dialed" + OUTBOUND_QUERY + " callerId=" + NUMBER
                + " method=POST\n  Number: " + CUSTOMER, Twiml.describe(placedTwiml()));
    }

    private void open(boolean record, String announcement) {
        Map<String, Object> configuration = Fixtures.configuration(TWILIO.baseUrl());
        configuration.put("recordCalls", record);
        if (announcement != null) {
            configuration.put("recordingAnnouncement", announcement);
        }
        context = new QueueRoutingTest.Agents(new RecordingChannelContext(Fixtures.INSTANCE, configuration));
        channel = new VoiceTwilioChannelType(Clock.fixed(CallFlowTest.OPEN, ZoneOffset.UTC)).create(context);
    }

    private static Map<String, String> left() {
        return call("QueueSid", "QU0123456789abcdef0123456789abcdef", "QueueResult", "leave", "QueueTime", "40");
    }

    /** A recording status callback as Twilio sends it for a {@code <Dial>}: about the parent call, without a caller. */
    private static Map<String, String> recording(String status, String callSid) {
        return new HashMap<>(form("AccountSid", ACCOUNT_SID, "CallSid", callSid, "RecordingSid", RECORDING_SID,
                "RecordingUrl", RECORDING_URL, "RecordingStatus", status, "RecordingDuration", "185",
                "RecordingChannels", "2", "RecordingStartTime", "Mon, 30 Nov 2026 15:01:10 +0000",
                "RecordingSource", "DialVerb", "RecordingTrack", "both"));
    }

    private static CallUpdate only(InboundResult result) {
        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, result);
        assertEquals(1, accepted.events().size());
        return assertInstanceOf(CallUpdate.class, accepted.events().get(0));
    }

    /** The TwiML of the one call placed through the Calls API. */
    private static String placedTwiml() {
        List<LoggedRequest> requests = TWILIO.findAll(postRequestedFor(urlEqualTo(CALLS)));
        assertEquals(1, requests.size());
        for (String pair : requests.get(0).getBodyAsString().split("&")) {
            if (pair.startsWith("Twiml=")) {
                return URLDecoder.decode(pair.substring("Twiml=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no Twiml in " + requests.get(0).getBodyAsString());
    }
}
