package io.switchboard.connector.voicetwilio.internal;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import io.switchboard.connector.voicetwilio.internal.Ivr.Node;
import io.switchboard.connector.voicetwilio.internal.Ivr.Prompt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Builds the TwiML of every answer with the SDK's builders. Each answer names its callbacks with
 * everything the next request needs (the node, the attempt, the caller's path, the caller's number), so
 * no call state is kept between requests.
 */
final class VoiceAnswers {

    /** Seconds of silence between spoken hold messages; Twilio asks the wait URL again afterwards. */
    static final int HOLD_PAUSE = 20;
    static final String AGENT_PARAMETER = "agent";
    static final String TRIED_PARAMETER = "tried";
    static final String WAITED_PARAMETER = "waited";
    static final String RING_AGAIN_PARAMETER = "ringAgain";
    /**
     * How a call bridged to an agent is recorded: from the answer, each party on a channel of its own, so
     * that the caller and the agent can be told apart when listening back.
     */
    static final Dial.Record RECORDING_MODE = Dial.Record.RECORD_FROM_ANSWER_DUAL;
    /** How long an agent's phone rings before the next agent is tried. */
    static final int AGENT_RING_SECONDS = 20;

    private final String hookBase;
    private final VoiceSettings settings;

    /** @param hookBase the public base URL, {@code /hooks/} and the instance id */
    VoiceAnswers(String hookBase, VoiceSettings settings) {
        this.hookBase = hookBase;
        this.settings = settings;
    }

    /**
     * A call during business hours: the greeting, the recording announcement when calls are recorded,
     * then the first menu. The announcement comes before any choice, so that a caller who does not want
     * to be recorded can hang up before anything is.
     *
     * @param start when the call came in, carried through the menus for the time spent in them
     */
    String welcome(Instant start) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        add(answer, settings.ivr().greeting());
        if (settings.recordCalls()) {
            add(answer, spoken(settings.recordingAnnouncement()));
        }
        menu(answer, settings.ivr().startNode(), new MenuVisit(1, IvrPath.EMPTY, start, 1), null);
        return xml(answer);
    }

    /** Outside business hours: the closed message, then the voicemail. */
    String closed(String from, IvrPath path) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        add(answer, settings.ivr().closed());
        record(answer, from, path, true);
        return xml(answer);
    }

    /**
     * Where a caller is in the menus, as the menu URLs carry it.
     *
     * @param attempt how often this menu is played, from 1
     * @param start when the call came in, or null when an older URL did not say
     * @param step the number of menus played in the call so far, this one included
     */
    record MenuVisit(int attempt, IvrPath path, Instant start, int step) {
    }

    /**
     * A menu, optionally after an apology for invalid or no input (inside the gather, so a caller who
     * knows the choice can press it straight away).
     */
    String menu(Node node, MenuVisit visit, Prompt apology) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        menu(answer, node, visit, apology);
        return xml(answer);
    }

    private void menu(VoiceResponse.Builder answer, Node node, MenuVisit visit, Prompt apology) {
        String action = url(VoiceTwilioChannel.MENU_PATH, "node", node.id(), "attempt", String.valueOf(visit.attempt()),
                "path", visit.path().encode(),
                CallEvents.START_PARAMETER, visit.start() == null ? null : String.valueOf(visit.start().getEpochSecond()),
                CallEvents.STEP_PARAMETER, String.valueOf(visit.step()));
        Gather.Builder gather = new Gather.Builder()
                .action(action)
                .method(HttpMethod.POST)
                .timeout(node.timeout())
                .numDigits(1);
        if (node.acceptsSpeech()) {
            Set<String> hints = new LinkedHashSet<>();
            node.options().forEach(option -> hints.addAll(option.keywords()));
            gather.inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH))
                    .language(node.speechLanguage())
                    .speechTimeout("auto")
                    .hints(String.join(", ", hints));
        } else {
            gather.inputs(Gather.Input.DTMF);
        }
        if (apology != null) {
            add(gather, apology);
        }
        add(gather, node.prompt());
        answer.gather(gather.build());
        // Reached only when the caller gave no input: the same URL then counts it as such.
        answer.redirect(new Redirect.Builder(action).method(HttpMethod.POST).build());
    }

    /**
     * Waiting in a queue for an agent. Twilio asks the action URL when the caller leaves the queue; it
     * says when they entered it, for the talk time of a call that was bridged.
     */
    String enqueue(String queue, IvrPath path, Instant now) {
        return enqueue(queue, path, now, null);
    }

    /**
     * Back into the queue after no agent answered: until {@code ringAgain}, the wait URL rings nobody,
     * so that a caller is not passed at once, and over and over, to agents who just did not answer.
     */
    String enqueue(String queue, IvrPath path, Instant now, Instant ringAgain) {
        Enqueue enqueue = new Enqueue.Builder(queue)
                .action(url(VoiceTwilioChannel.QUEUED_PATH, CallEvents.QUEUE_PARAMETER, queue, "path", path.encode(),
                        CallEvents.QUEUED_PARAMETER, String.valueOf(now.getEpochSecond())))
                .method(HttpMethod.POST)
                .waitUrl(url(VoiceTwilioChannel.WAIT_PATH, CallEvents.QUEUE_PARAMETER, queue, "path", path.encode(),
                        RING_AGAIN_PARAMETER, ringAgain == null ? null : String.valueOf(ringAgain.getEpochSecond())))
                .waitUrlMethod(HttpMethod.POST)
                .build();
        return xml(new VoiceResponse.Builder().enqueue(enqueue));
    }

    /** The voicemail: the prompt, the beep, the recording. */
    String voicemail(Prompt prompt, String from, IvrPath path) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        add(answer, prompt == null ? settings.ivr().voicemail() : prompt);
        record(answer, from, path, false);
        return xml(answer);
    }

    /** A message, then the call ends. */
    String message(Prompt prompt) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        add(answer, prompt);
        answer.hangup(new Hangup.Builder().build());
        return xml(answer);
    }

    /**
     * The wait URL's answer while no agent is free: the caller's position and the estimated wait (when
     * Twilio knows them), then the hold music or message; Twilio asks again when it has played, so
     * callers hear where they stand now and then.
     *
     * @param position the caller's place in the queue, from 1, or 0 when unknown
     * @param averageWaitSeconds the queue's average wait, or 0 when unknown
     */
    String hold(int position, int averageWaitSeconds) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        if (position > 0) {
            StringBuilder text = new StringBuilder(position == 1 ? "You are next in line." :
                    "You are number " + position + " in line.");
            if (averageWaitSeconds > 0) {
                long minutes = Math.max(1, Math.round(averageWaitSeconds / 60.0));
                text.append(" The estimated wait is about ").append(minutes).append(minutes == 1 ? " minute." : " minutes.");
            }
            add(answer, spoken(text.toString()));
        }
        if (settings.holdMusicUrl() != null) {
            answer.play(new Play.Builder(settings.holdMusicUrl().toString()).build());
        } else {
            add(answer, settings.ivr().hold());
            answer.pause(new Pause.Builder().length(HOLD_PAUSE).build());
        }
        return xml(answer);
    }

    /** The wait URL's answer once an agent is free or the wait is over: the Enqueue's action decides what next. */
    String leaveQueue() {
        return xml(new VoiceResponse.Builder().leave(new Leave.Builder().build()));
    }

    /**
     * Rings an agent for a caller who left the queue. The action hears whether they answered, and
     * carries who was tried already, so that the next try rings someone else.
     */
    String dialAgent(io.switchboard.api.channel.AgentContact agent, String from, String queue, IvrPath path,
            String queued, List<String> tried) {
        Dial.Builder dial = new Dial.Builder()
                .action(url(VoiceTwilioChannel.DIALED_PATH, CallEvents.QUEUE_PARAMETER, queue, "path", path.encode(),
                        CallEvents.QUEUED_PARAMETER, queued, AGENT_PARAMETER, agent.name(),
                        TRIED_PARAMETER, String.join(",", tried)))
                .method(HttpMethod.POST)
                .timeout(AGENT_RING_SECONDS);
        if (settings.recordCalls()) {
            // The recording callback has no caller, and names the parent call: the caller travels in its URL.
            record(dial, url(VoiceTwilioChannel.CALL_RECORDING_PATH, VoicemailEvents.FROM_PARAMETER,
                    from == null ? "" : from.strip()));
        }
        if (agent.phoneNumber() != null) {
            dial.number(new Number.Builder(agent.phoneNumber()).build());
        } else {
            dial.client(new Client.Builder(agent.clientIdentity()).build());
        }
        return xml(new VoiceResponse.Builder().dial(dial.build()));
    }

    /** Turns on the recording of a bridged call, reported once complete to the given signed URL. */
    static Dial.Builder record(Dial.Builder dial, String callback) {
        return dial.record(RECORDING_MODE)
                .recordingStatusCallback(callback)
                .recordingStatusCallbackMethod(HttpMethod.POST)
                .recordingStatusCallbackEvents(Dial.RecordingEvent.COMPLETED);
    }

    /**
     * What a customer hears once they pick up an agent's call, before it is bridged (the {@code url} of
     * the dialled number): the recording announcement when calls are recorded.
     */
    String announcement() {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        if (settings.recordCalls()) {
            add(answer, spoken(settings.recordingAnnouncement()));
        }
        return xml(answer);
    }

    /** After the maximum wait: a voicemail (1) or a callback in the caller's place (2); no choice is a voicemail. */
    String offer(String queue, IvrPath path, String waited) {
        String action = url(VoiceTwilioChannel.OFFER_PATH, CallEvents.QUEUE_PARAMETER, queue, "path", path.encode(),
                WAITED_PARAMETER, waited);
        Gather.Builder gather = new Gather.Builder().action(action).method(HttpMethod.POST).numDigits(1).timeout(8)
                .inputs(Gather.Input.DTMF);
        add(gather, spoken("Sorry to keep you waiting. To leave a message, press 1. To be called back when it is "
                + "your turn, press 2."));
        VoiceResponse.Builder answer = new VoiceResponse.Builder().gather(gather.build());
        answer.redirect(new Redirect.Builder(action).method(HttpMethod.POST).build());
        return xml(answer);
    }

    /** A callback was chosen: the caller keeps their place and hangs up. */
    String callbackTaken() {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        add(answer, spoken("Thank you. We will call you back when it is your turn. Goodbye."));
        answer.hangup(new Hangup.Builder().build());
        return xml(answer);
    }

    /** Text spoken in the IVR's voice and language. */
    private Prompt spoken(String text) {
        Prompt hold = settings.ivr().hold();
        return new Prompt(text, null, hold.voice(), hold.language());
    }

    /** The end of a call whose caller is still on the line, with nothing more to say. */
    String hangUp() {
        return xml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()));
    }

    /** After a recording: thanks, and the call ends. */
    String thanks() {
        return message(settings.ivr().thanks());
    }

    /** Callbacks whose answer Twilio ignores. */
    String empty() {
        return xml(new VoiceResponse.Builder());
    }

    private void record(VoiceResponse.Builder answer, String from, IvrPath path, boolean closed) {
        List<String> context = new ArrayList<>(List.of("from", from == null ? "" : from, "path", path.encode()));
        if (closed) {
            context.addAll(List.of("closed", "true"));
        }
        String[] parameters = context.toArray(String[]::new);
        Record.Builder record = new Record.Builder()
                .action(url(VoiceTwilioChannel.RECORDED_PATH))
                .method(HttpMethod.POST)
                .maxLength(settings.voicemailMaxLength())
                .timeout(5)
                .finishOnKey("#")
                .playBeep(true)
                .recordingStatusCallback(url(VoiceTwilioChannel.RECORDING_PATH, parameters))
                .recordingStatusCallbackMethod(HttpMethod.POST)
                .recordingStatusCallbackEvents(Record.RecordingEvent.COMPLETED);
        if (settings.transcribe()) {
            record.transcribe(true).transcribeCallback(url(VoiceTwilioChannel.TRANSCRIPTION_PATH, parameters));
        }
        answer.record(record.build());
        // Twilio goes on here, rather than to the action, only when nothing was recorded.
        add(answer, settings.ivr().noRecording());
        answer.hangup(new Hangup.Builder().build());
    }

    private static void add(VoiceResponse.Builder answer, Prompt prompt) {
        if (prompt.play() != null) {
            answer.play(new Play.Builder(prompt.play().toString()).build());
        } else {
            answer.say(say(prompt));
        }
    }

    private static void add(Gather.Builder gather, Prompt prompt) {
        if (prompt.play() != null) {
            gather.play(new Play.Builder(prompt.play().toString()).build());
        } else {
            gather.say(say(prompt));
        }
    }

    private static Say say(Prompt prompt) {
        Say.Builder say = new Say.Builder(prompt.say());
        if (prompt.voice() != null) {
            say.voice(prompt.voice());
        }
        if (prompt.language() != null) {
            say.language(prompt.language());
        }
        return say.build();
    }

    /** A callback URL of this instance; empty values are left out. */
    String url(String path, String... namesAndValues) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null && !namesAndValues[i + 1].isEmpty()) {
                query.add(namesAndValues[i] + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        return hookBase + path + query;
    }

    private static String xml(VoiceResponse.Builder builder) {
        try {
            return builder.build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("the Twilio SDK could not write TwiML", e);
        }
    }
}
