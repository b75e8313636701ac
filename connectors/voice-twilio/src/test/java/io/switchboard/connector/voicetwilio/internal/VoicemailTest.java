package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALLER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALL_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.form;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPostTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.testkit.RecordingChannelContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Voicemails as Twilio reports them: the recording-status callback (which carries no caller number,
 * so the URL the answer gave does) and, later, the transcription callback; both update the call.
 */
class VoicemailTest {

    private static final String RECORDING_SID = "RE0123456789abcdef0123456789abcdef";
    private static final String RECORDING_URL = "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Recordings/" + RECORDING_SID;
    /** What Twilio posts to recordingStatusCallback: no From, no To. */
    private static final Map<String, String> RECORDING = form("AccountSid", ACCOUNT_SID, "CallSid", CALL_SID,
            "RecordingSid", RECORDING_SID, "RecordingUrl", RECORDING_URL, "RecordingStatus", "completed",
            "RecordingDuration", "42", "RecordingChannels", "1", "RecordingSource", "RecordVerb",
            "RecordingStartTime", "Mon, 30 Nov 2026 15:01:10 +0000");
    private static final Map<String, String> TRANSCRIPTION = form("AccountSid", ACCOUNT_SID, "CallSid", CALL_SID,
            "RecordingSid", RECORDING_SID, "RecordingUrl", RECORDING_URL, "TranscriptionSid", "TR0123456789abcdef0123456789abcdef",
            "TranscriptionText", "Hi, this is Ada about invoice 4711. Please call me back.", "TranscriptionStatus", "completed",
            "TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID
                    + "/Transcriptions/TR0123456789abcdef0123456789abcdef", "TranscriptionType", "fast", "url", "");

    private final RecordingChannelContext context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration(null));
    private final ChannelInstance channel = new VoiceTwilioChannelType(Clock.fixed(CallFlowTest.OPEN, ZoneOffset.UTC))
            .create(context);

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void aVoicemailLeftInTheIvrMarksTheCallAsOneWithTheRecordingAndThePath() {
        String voicemail = twiml(channel.receive(signedPost("/voice/menu?node=billing&attempt=1&path=main%3A1", call("Digits", "9"))));

        CallUpdate update = only(channel.receive(signedPostTo(Twiml.attribute(voicemail, "Record", "recordingStatusCallback"),
                RECORDING)));

        assertEquals(RECORDING_SID, update.eventId());
        assertEquals(CALL_SID, update.callId());
        assertEquals(new Contact(Address.phone(CALLER), List.of(), null), update.caller());
        assertEquals(CallOutcome.VOICEMAIL, update.outcome());
        assertEquals(List.of("main (1)", "billing (9)"), update.ivrPath());
        assertEquals(new Attachment(RECORDING_URL + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1), update.recording());
        assertNull(update.transcript());
        assertEquals(Instant.parse("2026-11-30T15:01:10Z"), update.occurredAt());
    }

    @Test
    void theTranscriptArrivesLaterOnTheSameCall() {
        String voicemail = twiml(channel.receive(signedPost("/voice/menu?node=main&attempt=1", call("Digits", "9"))));

        CallUpdate update = only(channel.receive(signedPostTo(Twiml.attribute(voicemail, "Record", "transcribeCallback"),
                TRANSCRIPTION)));

        assertEquals("TR0123456789abcdef0123456789abcdef", update.eventId());
        assertEquals(CALL_SID, update.callId(), "the transcript joins the voicemail's call");
        assertEquals(Address.phone(CALLER), update.caller().replyAddress());
        assertEquals("Hi, this is Ada about invoice 4711. Please call me back.", update.transcript());
        assertEquals(CallOutcome.VOICEMAIL, update.outcome());
        assertEquals(List.of("main (9)"), update.ivrPath());
        assertEquals(new Attachment(RECORDING_URL + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1), update.recording(),
                "the same attachment as the recording callback's, which the core adds once");
    }

    @Test
    void aTranscriptWithoutWordsSaysSo() {
        Map<String, String> silent = new java.util.HashMap<>(TRANSCRIPTION);
        silent.put("TranscriptionText", " ");

        assertEquals("(no words recognised)", only(channel.receive(signedPost("/voice/transcription?from=%2B14155550199",
                silent))).transcript());
    }

    @Test
    void aVoicemailAfterHoursEndsItsPathThere() {
        CallUpdate update = only(channel.receive(signedPost("/voice/recording?from=%2B14155550199&closed=true", RECORDING)));

        assertEquals(List.of("after hours"), update.ivrPath());
    }

    @Test
    void aRedeliveredCallbackHasTheSameEventId() {
        CallUpdate first = only(channel.receive(signedPost("/voice/recording?from=%2B14155550199", RECORDING)));
        CallUpdate again = only(channel.receive(signedPost("/voice/recording?from=%2B14155550199", RECORDING)));

        assertEquals(first, again);
    }

    @Test
    void aWithheldNumberIsACustomerOfItsOwnForTheCall() {
        for (String withheld : List.of("+266696687", "anonymous", "")) {
            String query = withheld.isEmpty() ? "" : "?from=" + java.net.URLEncoder.encode(withheld, StandardCharsets.UTF_8);
            CallUpdate update = only(channel.receive(signedPost("/voice/recording" + query, RECORDING)));

            assertEquals(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", CALL_SID), update.caller().replyAddress(), withheld);
            assertEquals("Caller with withheld number", update.caller().displayName());
        }
        CallUpdate transcript = only(channel.receive(signedPost("/voice/transcription?from=anonymous", TRANSCRIPTION)));
        assertEquals(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", CALL_SID), transcript.caller().replyAddress(),
                "the transcript joins the voicemail");
    }

    @Test
    void aTwilioClientCallerKeepsItsIdentity() {
        CallUpdate update = only(channel.receive(signedPost("/voice/recording?from=client%3Aada", RECORDING)));

        assertEquals(Address.scoped(IdentityKind.EXTERNAL, "twilio", "client:ada"), update.caller().replyAddress());
    }

    @Test
    void recordingsAndTranscriptsThatFailedStoreNothing() {
        Map<String, String> absent = new java.util.HashMap<>(RECORDING);
        absent.put("RecordingStatus", "absent");
        assertEquals(List.of(), accepted(channel.receive(signedPost("/voice/recording?from=%2B14155550199", absent))).events());

        Map<String, String> failed = new java.util.HashMap<>(TRANSCRIPTION);
        failed.put("TranscriptionStatus", "failed");
        failed.put("TranscriptionText", "");
        assertEquals(List.of(), accepted(channel.receive(signedPost("/voice/transcription?from=%2B14155550199", failed))).events());
    }

    @Test
    void aRecordingCallbackWithoutItsIdsIsMalformed() {
        Map<String, String> noSid = new java.util.HashMap<>(RECORDING);
        noSid.remove("RecordingSid");
        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/voice/recording?from=%2B14155550199", noSid)));
        assertEquals(Reason.MALFORMED, rejected.reason());
        assertEquals("RecordingSid is missing", rejected.detail());

        Map<String, String> nobody = new java.util.HashMap<>(RECORDING);
        nobody.remove("CallSid");
        assertEquals(Reason.MALFORMED, assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/voice/recording", nobody))).reason());
        assertEquals("CallSid is missing", assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/voice/recording?from=%2B14155550199", nobody))).detail(),
                "without its call a voicemail belongs nowhere");
    }

    @Test
    void aWavRecordingUrlIsKeptAsItIs() {
        Map<String, String> wav = new java.util.HashMap<>(RECORDING);
        wav.put("RecordingUrl", RECORDING_URL + ".wav");
        wav.remove("RecordingDuration");

        CallUpdate update = only(channel.receive(signedPost("/voice/recording?from=%2B14155550199", wav)));

        assertEquals(new Attachment(RECORDING_URL + ".wav", "audio/x-wav", RECORDING_SID + ".wav", -1), update.recording());
    }

    @Test
    void aLongPathIsCutToItsLastSteps() {
        IvrPath path = IvrPath.EMPTY;
        for (int i = 0; i < IvrPath.MAX_STEPS + 5; i++) {
            path = path.then("main", "*");
        }
        assertEquals(IvrPath.MAX_STEPS, path.steps().size());
        IvrPath decoded = IvrPath.decode(path.encode());
        assertEquals(path, decoded);
        assertTrue(decoded.describe().startsWith("… > main (*)"), decoded.describe());
        assertEquals(List.of(new IvrPath.Step("main", "1")), IvrPath.decode("main:1,<script>,x:y:z").steps(),
                "what this connector never writes is dropped");
    }

    private static CallUpdate only(InboundResult result) {
        InboundResult.Accepted accepted = accepted(result);
        assertEquals(1, accepted.events().size());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>",
                new String(accepted.response().body(), StandardCharsets.UTF_8));
        return assertInstanceOf(CallUpdate.class, accepted.events().get(0));
    }

    private static InboundResult.Accepted accepted(InboundResult result) {
        return assertInstanceOf(InboundResult.Accepted.class, result);
    }

    private static String twiml(InboundResult result) {
        return Twiml.answer(result);
    }
}
