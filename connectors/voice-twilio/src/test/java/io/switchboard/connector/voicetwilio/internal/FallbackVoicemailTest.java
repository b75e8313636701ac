package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALLER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALL_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.form;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.post;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.testkit.RecordingChannelContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests of the core's fallback, handed to the connector once it runs again (or live, when it
 * came back during the call): the voicemail recorded in its place becomes the same voicemail message;
 * the call's own requests are accepted and leave nothing.
 */
class FallbackVoicemailTest {

    private static final String RECORDING_SID = "RE99999999abcdef0123456789abcdef";
    private static final String RECORDING_URL = "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Recordings/" + RECORDING_SID;
    private static final Map<String, String> RECORDING = form("AccountSid", ACCOUNT_SID, "CallSid", CALL_SID,
            "RecordingSid", RECORDING_SID, "RecordingUrl", RECORDING_URL, "RecordingStatus", "completed",
            "RecordingDuration", "17", "RecordingSource", "RecordVerb");
    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final RecordingChannelContext context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration(null));
    private final ChannelInstance channel = new VoiceTwilioChannelType(Clock.fixed(CallFlowTest.OPEN, ZoneOffset.UTC))
            .create(context);

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void theFallbackRecordingBecomesAVoicemailFromTheCallerTheCoreNamed() {
        InboundResult.Accepted accepted = accepted(channel.receive(
                signedPost("/fallback/recording?from=%2B14155550199&callSid=" + CALL_SID, RECORDING)));

        assertEquals(EMPTY, new String(accepted.response().body(), StandardCharsets.UTF_8));
        CallUpdate voicemail = assertInstanceOf(CallUpdate.class, accepted.events().get(0));
        assertEquals(1, accepted.events().size());
        assertEquals(RECORDING_SID, voicemail.eventId(), "the same key as a voicemail the connector took itself");
        assertEquals(new Contact(Address.phone(CALLER), List.of(), null), voicemail.caller());
        assertEquals(CALL_SID, voicemail.callId());
        assertEquals(CallOutcome.VOICEMAIL, voicemail.outcome());
        assertEquals(List.of(CallEvents.LINE_DOWN), voicemail.ivrPath());
        assertEquals(new Attachment(RECORDING_URL + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1), voicemail.recording());
    }

    @Test
    void aWithheldCallerIsTheCallTheQueryNames() {
        Map<String, String> withoutCall = new java.util.HashMap<>(RECORDING);
        withoutCall.remove("CallSid");

        CallUpdate voicemail = assertInstanceOf(CallUpdate.class, accepted(channel.receive(
                signedPost("/fallback/recording?from=anonymous&callSid=CA42", withoutCall))).events().get(0));

        assertEquals(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", "CA42"), voicemail.caller().replyAddress());
        assertEquals("CA42", voicemail.callId());
    }

    @Test
    void aRecordingThatFailedLeavesNothing() {
        Map<String, String> absent = new java.util.HashMap<>(RECORDING);
        absent.put("RecordingStatus", "absent");

        assertEquals(List.of(), accepted(channel.receive(signedPost("/fallback/recording?from=%2B14155550199", absent))).events());
    }

    @Test
    void theReplayedFallbackCallAndTheVoicemailsEndAreAcceptedWithNothingToKeep() {
        InboundResult.Accepted call = accepted(channel.receive(
                signedPost("/fallback", call("ErrorCode", "11200", "ErrorUrl", Fixtures.HOOKS + "/voice"))));
        InboundResult.Accepted done = accepted(channel.receive(
                signedPost("/fallback/done", call("RecordingUrl", RECORDING_URL, "RecordingDuration", "17"))));

        assertEquals(List.of(), call.events());
        assertEquals(EMPTY, new String(call.response().body(), StandardCharsets.UTF_8));
        assertEquals(List.of(), done.events());
        assertEquals(1, Twiml.parse(Twiml.of(done)).getElementsByTagName("Hangup").getLength(), "the call ends");
    }

    @Test
    void aForgedFallbackRecordingIsRejected() {
        String forged = io.switchboard.connector.twilio.TwilioSignatures.sign("00000000000000000000000000000000",
                Fixtures.HOOKS + "/fallback/recording?from=%2B14155550199", RECORDING);

        InboundResult result = channel.receive(post("/fallback/recording?from=%2B14155550199", RECORDING, forged));
        InboundResult tampered = channel.receive(post("/fallback/recording?from=%2B14155550100",
                RECORDING, io.switchboard.connector.twilio.TwilioSignatures.sign(Fixtures.AUTH_TOKEN,
                        Fixtures.HOOKS + "/fallback/recording?from=%2B14155550199", RECORDING)));

        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class, result).reason());
        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class, tampered).reason(),
                "the caller in the URL is signed too");
    }

    private static InboundResult.Accepted accepted(InboundResult result) {
        return assertInstanceOf(InboundResult.Accepted.class, result);
    }
}
