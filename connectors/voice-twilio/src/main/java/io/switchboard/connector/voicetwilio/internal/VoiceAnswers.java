package io.switchboard.connector.voicetwilio.internal;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import io.switchboard.connector.voicetwilio.internal.Ivr.Node;
import io.switchboard.connector.voicetwilio.internal.Ivr.Prompt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    private final String hookBase;
    private final VoiceSettings settings;

    /** @param hookBase the public base URL, {@code /hooks/} and the instance id */
    VoiceAnswers(String hookBase, VoiceSettings settings) {
        this.hookBase = hookBase;
        this.settings = settings;
    }

    /** A call during business hours: the greeting, then the first menu. */
    String welcome() {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        add(answer, settings.ivr().greeting());
        menu(answer, settings.ivr().startNode(), 1, IvrPath.EMPTY, null);
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
     * A menu, optionally after an apology for invalid or no input (inside the gather, so a caller who
     * knows the choice can press it straight away).
     */
    String menu(Node node, int attempt, IvrPath path, Prompt apology) {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        menu(answer, node, attempt, path, apology);
        return xml(answer);
    }

    private void menu(VoiceResponse.Builder answer, Node node, int attempt, IvrPath path, Prompt apology) {
        String action = url(VoiceTwilioChannel.MENU_PATH, "node", node.id(), "attempt", String.valueOf(attempt),
                "path", path.encode());
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

    /** Waiting in a queue for an agent. */
    String enqueue(String queue, IvrPath path) {
        Enqueue enqueue = new Enqueue.Builder(queue)
                .waitUrl(url(VoiceTwilioChannel.WAIT_PATH, "queue", queue, "path", path.encode()))
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

    /** The wait URL's answer: hold music once, after which Twilio asks again. */
    String hold() {
        VoiceResponse.Builder answer = new VoiceResponse.Builder();
        if (settings.holdMusicUrl() != null) {
            answer.play(new Play.Builder(settings.holdMusicUrl().toString()).build());
        } else {
            add(answer, settings.ivr().hold());
            answer.pause(new Pause.Builder().length(HOLD_PAUSE).build());
        }
        return xml(answer);
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
