package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALLER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOLD_MUSIC;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOOKS;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPostTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.testkit.RecordingChannelContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls driven as Twilio drives them: each answer's callback URL is the next request, signed. The
 * instance's office is in New York, open Monday to Friday 09:00-17:00.
 */
class CallFlowTest {

    /** Monday 30 November 2026, 10:00 in New York. */
    static final Instant OPEN = Instant.parse("2026-11-30T15:00:00Z");
    /** Saturday 28 November 2026, 10:00 in New York. */
    static final Instant WEEKEND = Instant.parse("2026-11-28T15:00:00Z");

    private static final String MAIN_PROMPT =
            "For billing, press 1 or say billing. For technical support, press 2. To leave a message, press 9.";
    private static final String BILLING_PROMPT =
            "For an invoice, press 1. To leave a message for billing, press 9. For the main menu, press star.";
    private static final String MAIN_GATHER = "Gather action=" + HOOKS + "/voice/menu?node=main&attempt=%d%s "
            + "hints=billing, invoice, technical support input=dtmf speech language=en-US method=POST numDigits=1 "
            + "speechTimeout=auto timeout=5";
    private static final String VOICE = "language=en-US voice=Polly.Joanna";
    /** {@link #OPEN} in the URLs, as the call's start. */
    static final String OPEN_SECONDS = "1796050800";

    private RecordingChannelContext context;
    private ChannelInstance channel;

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void aCallDuringOpeningHoursHearsTheGreetingAndTheFirstMenu() {
        String twiml = Twiml.answer(channel(OPEN).receive(signedPost("/voice", call())));

        assertEquals(String.join("\n",
                "Say " + VOICE + ": Welcome to Example support.",
                MAIN_GATHER.formatted(1, "&start=" + OPEN_SECONDS + "&step=1"),
                "  Say " + VOICE + ": " + MAIN_PROMPT,
                "Redirect method=POST: " + HOOKS + "/voice/menu?node=main&attempt=1&start=" + OPEN_SECONDS + "&step=1"),
                Twiml.describe(twiml));
    }

    @Test
    void aCallOnTheWeekendHearsTheClosedMessageAndCanLeaveAVoicemail() {
        String twiml = Twiml.answer(channel(WEEKEND).receive(signedPost("/voice", call())));

        String context = "from=%2B14155550199";
        assertEquals(String.join("\n",
                "Say " + VOICE + ": " + IvrParser.CLOSED_TEXT,
                "Record action=" + HOOKS + "/voice/recorded finishOnKey=# maxLength=90 method=POST playBeep=true "
                        + "recordingStatusCallback=" + HOOKS + "/voice/recording?" + context + "&closed=true "
                        + "recordingStatusCallbackEvent=completed recordingStatusCallbackMethod=POST timeout=5 "
                        + "transcribe=true transcribeCallback=" + HOOKS + "/voice/transcription?" + context + "&closed=true",
                "Say " + VOICE + ": " + IvrParser.NO_RECORDING_TEXT,
                "Hangup"), Twiml.describe(twiml));
    }

    @Test
    void pressingADigitForASubMenuPlaysItAndCarriesThePath() {
        String first = Twiml.answer(channel(OPEN).receive(signedPost("/voice", call())));

        String billing = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(first, "Gather", "action"), call("Digits", "1"))));

        assertEquals(String.join("\n",
                "Gather action=" + HOOKS + "/voice/menu?node=billing&attempt=1&path=main%3A1&start=" + OPEN_SECONDS
                        + "&step=2 input=dtmf method=POST numDigits=1 timeout=7",
                "  Say language=en-US voice=alice: " + BILLING_PROMPT,
                "Redirect method=POST: " + HOOKS + "/voice/menu?node=billing&attempt=1&path=main%3A1&start=" + OPEN_SECONDS
                        + "&step=2"),
                Twiml.describe(billing));
    }

    @Test
    void aQueueOptionEnqueuesTheCallerWithTheWaitUrl() {
        channel(OPEN);
        String billing = Twiml.answer(channel.receive(signedPost("/voice/menu?node=main&attempt=1", call("Digits", "1"))));

        String queued = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(billing, "Gather", "action"), call("Digits", "1"))));

        assertEquals("Enqueue action=" + HOOKS + "/voice/queued?queue=billing&path=main%3A1%2Cbilling%3A1&queued="
                + OPEN_SECONDS + " method=POST waitUrl=" + HOOKS + "/voice/wait?queue=billing&path=main%3A1%2Cbilling%3A1 "
                + "waitUrlMethod=POST: billing", Twiml.describe(queued));
    }

    @Test
    void theWaitUrlSaysWhereTheCallerStandsAndPlaysTheHoldMusic() {
        String hold = Twiml.answer(channel(OPEN).receive(signedPost("/voice/wait?queue=billing&path=main%3A1%2Cbilling%3A1",
                call("QueueSid", "QU0123456789abcdef0123456789abcdef", "QueuePosition", "3", "QueueTime", "42",
                        "AvgQueueTime", "60", "CurrentQueueSize", "4", "CallStatus", "queued"))));

        assertEquals("Say language=en-US voice=Polly.Joanna: You are number 3 in line. The estimated wait is about"
                + " 1 minute.\nPlay: " + HOLD_MUSIC, Twiml.describe(hold));
    }

    @Test
    void withoutHoldMusicTheWaitUrlAsksTheCallerToHold() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.remove("holdMusicUrl");
        String hold = Twiml.answer(channel(OPEN, configuration).receive(signedPost("/voice/wait?queue=billing", call())));

        assertEquals(String.join("\n", "Say " + VOICE + ": " + IvrParser.HOLD_TEXT, "Pause length=20"), Twiml.describe(hold));
    }

    @Test
    void speechChoosesTheOptionWhoseKeywordWasSaid() {
        String queued = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=main&attempt=1",
                call("SpeechResult", "Uh, Technical Support, please.", "Confidence", "0.91"))));

        assertEquals("Enqueue action=" + HOOKS + "/voice/queued?queue=technical&path=main%3Atechnical+support&queued="
                + OPEN_SECONDS + " method=POST waitUrl=" + HOOKS + "/voice/wait?queue=technical&path=main%3Atechnical+support "
                + "waitUrlMethod=POST: technical", Twiml.describe(queued));
    }

    @Test
    void anInvalidDigitReplaysTheMenuWithAnApologyAndCountsTheAttempt() {
        String again = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=main&attempt=1", call("Digits", "5"))));

        assertEquals(String.join("\n",
                MAIN_GATHER.formatted(2, "&step=2"),
                "  Say " + VOICE + ": " + IvrParser.INVALID_TEXT,
                "  Say " + VOICE + ": " + MAIN_PROMPT,
                "Redirect method=POST: " + HOOKS + "/voice/menu?node=main&attempt=2&step=2"), Twiml.describe(again));
    }

    @Test
    void noInputReplaysTheMenuWithItsOwnMessage() {
        String again = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=main&attempt=2", call())));

        assertEquals(String.join("\n",
                MAIN_GATHER.formatted(3, "&step=2"),
                "  Say " + VOICE + ": " + IvrParser.NO_INPUT_TEXT,
                "  Say " + VOICE + ": " + MAIN_PROMPT,
                "Redirect method=POST: " + HOOKS + "/voice/menu?node=main&attempt=3&step=2"), Twiml.describe(again));
    }

    @Test
    void afterTheRepeatsTheDefaultIsTaken() {
        channel(OPEN);
        // main repeats twice: the third failure takes the default, the general queue.
        String queued = Twiml.answer(channel.receive(signedPost("/voice/menu?node=main&attempt=3", call("Digits", "7"))));
        assertEquals("Enqueue action=" + HOOKS + "/voice/queued?queue=general&path=main%3Adefault&queued=" + OPEN_SECONDS
                + " method=POST waitUrl=" + HOOKS + "/voice/wait?queue=general&path=main%3Adefault waitUrlMethod=POST: general",
                Twiml.describe(queued));

        // billing repeats once and uses its own apology; then its default, the voicemail.
        String again = Twiml.answer(channel.receive(signedPost("/voice/menu?node=billing&attempt=1&path=main%3A1", call("Digits", "5"))));
        assertEquals("  Say language=en-US voice=Polly.Joanna: That is not a billing choice.", Twiml.describe(again).split("\n")[1]);
        String voicemail = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(again, "Gather", "action"), call())));
        assertEquals("Say " + VOICE + ": " + IvrParser.VOICEMAIL_TEXT, Twiml.describe(voicemail).split("\n")[0]);
        assertEquals(HOOKS + "/voice/recording?from=%2B14155550199&path=main%3A1%2Cbilling%3Adefault",
                Twiml.attribute(voicemail, "Record", "recordingStatusCallback"));
    }

    @Test
    void aVoicemailOptionRecordsWithCallbacksThatNameTheCallerAndThePath() {
        String voicemail = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=billing&attempt=1&path=main%3A1",
                call("Digits", "9"))));

        String context = "from=%2B14155550199&path=main%3A1%2Cbilling%3A9";
        assertEquals(String.join("\n",
                "Say " + VOICE + ": Please leave your message for billing after the tone.",
                "Record action=" + HOOKS + "/voice/recorded finishOnKey=# maxLength=90 method=POST playBeep=true "
                        + "recordingStatusCallback=" + HOOKS + "/voice/recording?" + context + " "
                        + "recordingStatusCallbackEvent=completed recordingStatusCallbackMethod=POST timeout=5 "
                        + "transcribe=true transcribeCallback=" + HOOKS + "/voice/transcription?" + context,
                "Say " + VOICE + ": " + IvrParser.NO_RECORDING_TEXT,
                "Hangup"), Twiml.describe(voicemail));
    }

    @Test
    void withoutTranscriptionTheRecordAsksForNone() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("transcribe", false);
        String voicemail = Twiml.answer(channel(OPEN, configuration).receive(signedPost("/voice/menu?node=main&attempt=1",
                call("Digits", "9"))));

        assertEquals("", Twiml.attribute(voicemail, "Record", "transcribe"));
        assertEquals("", Twiml.attribute(voicemail, "Record", "transcribeCallback"));
    }

    @Test
    void aMessageOptionPlaysItAndHangsUp() {
        String message = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=main&attempt=1", call("Digits", "0"))));

        assertEquals(String.join("\n", "Play: https://cdn.example.com/address.mp3", "Hangup"), Twiml.describe(message));
    }

    @Test
    void aStarLeadsBackToTheMainMenuWithoutTheGreeting() {
        String main = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=billing&attempt=1&path=main%3A1",
                call("Digits", "*"))));

        assertEquals(String.join("\n",
                MAIN_GATHER.formatted(1, "&path=main%3A1%2Cbilling%3A*&step=3"),
                "  Say " + VOICE + ": " + MAIN_PROMPT,
                "Redirect method=POST: " + HOOKS + "/voice/menu?node=main&attempt=1&path=main%3A1%2Cbilling%3A*&step=3"),
                Twiml.describe(main));
    }

    @Test
    void choosingAQueueAfterClosingTimeLeadsToTheVoicemail() {
        String closed = Twiml.answer(channel(WEEKEND).receive(signedPost("/voice/menu?node=main&attempt=1", call("Digits", "2"))));

        assertEquals("Say " + VOICE + ": " + IvrParser.CLOSED_TEXT, Twiml.describe(closed).split("\n")[0]);
        assertEquals(HOOKS + "/voice/recording?from=%2B14155550199&path=main%3A2&closed=true",
                Twiml.attribute(closed, "Record", "recordingStatusCallback"));
    }

    @Test
    void aMenuThatNoLongerExistsStartsTheCallerOver() {
        String main = Twiml.answer(channel(OPEN).receive(signedPost("/voice/menu?node=refunds&attempt=2&path=main%3A3",
                call("Digits", "1"))));

        assertEquals(MAIN_GATHER.formatted(1, "&path=main%3A3&step=3"), Twiml.describe(main).split("\n")[0]);
    }

    @Test
    void theEndOfARecordingThanksTheCallerAndHangsUp() {
        String thanks = Twiml.answer(channel(OPEN).receive(signedPost("/voice/recorded", call(
                "RecordingSid", "RE0123456789abcdef0123456789abcdef", "RecordingDuration", "42",
                "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + Fixtures.ACCOUNT_SID
                        + "/Recordings/RE0123456789abcdef0123456789abcdef", "Digits", "#"))));

        assertEquals(String.join("\n", "Say " + VOICE + ": " + IvrParser.THANKS_TEXT, "Hangup"), Twiml.describe(thanks));
    }

    @Test
    void theCallerCanReachEveryEndOfTheIvrByKeys() {
        // Not a timing test: walks the example IVR from the first answer on, following only what the answers name.
        String first = Twiml.answer(channel(OPEN).receive(signedPost("/voice", call("Caller", CALLER))));
        String billing = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(first, "Gather", "action"), call("Digits", "1"))));
        String main = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(billing, "Gather", "action"), call("Digits", "*"))));
        String voicemail = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(main, "Gather", "action"), call("Digits", "9"))));

        assertEquals(HOOKS + "/voice/recording?from=%2B14155550199&path=main%3A1%2Cbilling%3A*%2Cmain%3A9",
                Twiml.attribute(voicemail, "Record", "recordingStatusCallback"));
    }

    private ChannelInstance channel(Instant now) {
        return channel(now, Fixtures.configuration(null));
    }

    private ChannelInstance channel(Instant now, Map<String, Object> configuration) {
        context = new RecordingChannelContext(Fixtures.INSTANCE, configuration);
        channel = new VoiceTwilioChannelType(Clock.fixed(now, ZoneOffset.UTC)).create(context);
        return channel;
    }
}
