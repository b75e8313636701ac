package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.connector.twilio.MalformedRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each Twilio request teaches about a call, as {@link CallUpdate}s of its {@code CallSid}: the
 * core keeps one call per CallSid and fills it in from every update, in whatever order they come. The
 * connector keeps nothing between requests, so an update carries only what its own request (and the
 * signed URL the previous answer gave Twilio) tells, and its event id is derived from that request: a
 * redelivery has the same id, two different requests never share one.
 */
final class CallEvents {

    /** When the call came in (epoch seconds), carried in the menu URLs to tell the time spent in the IVR. */
    static final String START_PARAMETER = "start";
    /** How many menus the caller was played, carried in the menu URLs to tell one menu answer from another. */
    static final String STEP_PARAMETER = "step";
    /** When the caller entered the queue (epoch seconds), carried in the queue's action URL for the talk time. */
    static final String QUEUED_PARAMETER = "queued";
    static final String QUEUE_PARAMETER = "queue";
    /** The last step of the path of a call routed to the voicemail because the line was closed. */
    static final String AFTER_HOURS = "after hours";
    /** The last step of a voicemail the core took while this connector was not running. */
    static final String LINE_DOWN = "taken while the line was down";

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern AUDIO_FILE = Pattern.compile("(?i).*\\.(mp3|wav)$");

    private CallEvents() {
    }

    /** {@code /voice}: the call came in. */
    static CallUpdate started(Map<String, String> form, boolean closed, Instant now) throws MalformedRequestException {
        String call = callSid(form);
        return new CallUpdate(call + ":incoming", now, caller(form), call, Direction.INBOUND, null,
                closed ? List.of(AFTER_HOURS) : List.of(), null, null, null, null, null, null, null, null);
    }

    /**
     * {@code /voice/menu}: the caller chose (or the default was taken) in a menu. The IVR time is known
     * once the caller leaves the menus, if the URL says when the call came in.
     *
     * @param step the menu answer the request is about, unique within the call
     * @param attempt how often that menu was played
     */
    static CallUpdate menuStep(Map<String, String> form, List<String> path, int step, int attempt, Instant start,
            boolean leaving, Instant now) throws MalformedRequestException {
        String call = callSid(form);
        Duration ivrTime = leaving && start != null ? nonNegative(Duration.between(start, now)) : null;
        return new CallUpdate(call + ":menu:" + step + ":" + attempt, now, caller(form), call, Direction.INBOUND, null,
                path, null, ivrTime, null, null, null, null, null, null);
    }

    /**
     * {@code /voice/wait}: Twilio asks what to play to a waiting caller, saying how long they have
     * waited so far. Every such request has its own {@code QueueTime}, and a redelivery the same.
     */
    static List<ChannelEvent> waiting(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String call = callSid(form);
        Duration waited = seconds(form.get("QueueTime"));
        if (waited == null) {
            return List.of();
        }
        String queue = blankToNull(query.get(QUEUE_PARAMETER));
        return List.of(new CallUpdate(call + ":wait:" + queueKey(form, queue) + ":" + waited.toSeconds(), now,
                caller(form), call, Direction.INBOUND, null, List.of(), queue, null, waited, null, null, null, null,
                null));
    }

    /** How a call left the queue, Twilio's {@code QueueResult}. */
    enum QueueResult {
        /** Talked to whoever dequeued the call; Twilio asks once both hung up. */
        BRIDGED,
        /** Hung up while waiting. */
        HANGUP,
        /** Could not wait: the queue was full, or an error; offered the voicemail instead. */
        NOT_SERVED,
        /** Moved elsewhere by whoever controls the call; nothing to answer. */
        MOVED;

        static QueueResult of(String text) {
            return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
                case "bridged" -> BRIDGED;
                case "hangup" -> HANGUP;
                case "leave", "queue-full", "error", "system-error" -> NOT_SERVED;
                default -> MOVED;
            };
        }
    }

    /**
     * {@code /voice/queued}, the {@code <Enqueue>}'s action: the caller left the queue. A caller who hung
     * up abandoned the call; one who was bridged was answered, and since Twilio asks only when the
     * bridge ended, the talk time is the time since the caller entered the queue, less the wait.
     */
    static CallUpdate leftQueue(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String call = callSid(form);
        String result = form.getOrDefault("QueueResult", "").strip().toLowerCase(Locale.ROOT);
        if (result.isEmpty()) {
            throw new MalformedRequestException("QueueResult is missing");
        }
        String queue = blankToNull(query.get(QUEUE_PARAMETER));
        Duration waited = seconds(form.get("QueueTime"));
        CallOutcome outcome = null;
        Duration talked = null;
        Instant ended = null;
        switch (QueueResult.of(result)) {
            case BRIDGED -> {
                outcome = CallOutcome.ANSWERED;
                Instant queued = epochSeconds(query.get(QUEUED_PARAMETER));
                if (queued != null && waited != null) {
                    talked = nonNegative(Duration.between(queued.plus(waited), now));
                }
            }
            case HANGUP -> {
                outcome = CallOutcome.ABANDONED;
                ended = now;
            }
            default -> {
                // Neither: what the caller does next (a voicemail) reports itself.
            }
        }
        return new CallUpdate(call + ":queue:" + queueKey(form, queue) + ":" + result, now, caller(form), call,
                Direction.INBOUND, outcome, List.of(), queue, null, waited, talked, null, ended, null, null);
    }

    /**
     * {@code /voice/status}, the number's call status callback, sent when the call is over. Twilio
     * answered every call that reached the menus, so those end {@code completed}, and how they went
     * is what the other requests reported; a call that ends otherwise never got that far: missed.
     * Other statuses (an admin who subscribed to more than the end) tell nothing new.
     */
    static List<ChannelEvent> status(Map<String, String> form, Instant now) throws MalformedRequestException {
        String call = callSid(form);
        String status = form.getOrDefault("CallStatus", "").strip().toLowerCase(Locale.ROOT);
        CallOutcome outcome;
        switch (status) {
            case "completed" -> outcome = null;
            case "busy", "no-answer", "failed", "canceled" -> outcome = CallOutcome.MISSED;
            case "" -> throw new MalformedRequestException("CallStatus is missing");
            default -> {
                return List.of();
            }
        }
        Instant ended = rfc1123(form.get("Timestamp"));
        ended = ended == null ? now : ended;
        Duration duration = seconds(form.get("CallDuration"));
        // The earliest update of a call is its start: this one may well come first, so it says when that was.
        Instant started = duration == null ? ended : ended.minus(duration);
        return List.of(new CallUpdate(call + ":status:" + status, started, caller(form), call, Direction.INBOUND,
                outcome, List.of(), null, null, null, null, null, ended, null, null));
    }

    /**
     * {@code /voice/recording}, the recording status callback of a voicemail. Its form has no caller:
     * the voicemail's answer put the caller and the path into the URL. Recordings that are not
     * {@code completed} ({@code absent}: the caller said nothing) leave the call as it was.
     */
    static List<ChannelEvent> voicemail(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        return voicemail(form, query, now, voicemailPath(query));
    }

    /**
     * {@code /fallback/recording}: the voicemail the core took in this connector's place while it was
     * not running. Its callback URL names the caller and the call; the path says how it was taken.
     */
    static List<ChannelEvent> fallbackVoicemail(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        Map<String, String> withCall = new java.util.HashMap<>(form);
        String callSid = query.get(VoicemailEvents.CALL_SID_PARAMETER);
        if (blankToNull(withCall.get("CallSid")) == null && callSid != null) {
            withCall.put("CallSid", callSid);
        }
        return voicemail(withCall, query, now, List.of(LINE_DOWN));
    }

    private static List<ChannelEvent> voicemail(Map<String, String> form, Map<String, String> query, Instant now,
            List<String> path) throws MalformedRequestException {
        String status = form.get("RecordingStatus");
        if (status != null && !status.isBlank() && !status.strip().equalsIgnoreCase("completed")) {
            return List.of();
        }
        String sid = required(form, "RecordingSid");
        Attachment recording = recording(sid, required(form, "RecordingUrl"));
        Instant started = rfc1123(form.get("RecordingStartTime"));
        return List.of(new CallUpdate(sid, started == null ? now : started, VoicemailEvents.caller(form, query),
                callSid(form), Direction.INBOUND, CallOutcome.VOICEMAIL, path, null, null, null, null,
                null, null, recording, null));
    }

    /**
     * {@code /voice/call-recording}, the recording status callback of a call bridged to an agent. Twilio
     * names the parent call (the caller's, or for a call placed for an agent, the agent's leg), which is
     * the call the core keeps. The form has no caller: the {@code <Dial>} put the caller ({@code from}) or,
     * for a placed call, the customer and the agent ({@code to}, {@code agent}) into the URL. The update
     * carries only the recording: the call was answered, which other requests report, and an outcome here
     * could overwrite theirs.
     */
    static List<ChannelEvent> callRecording(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String status = form.get("RecordingStatus");
        if (status != null && !status.isBlank() && !status.strip().equalsIgnoreCase("completed")) {
            return List.of();
        }
        String sid = required(form, "RecordingSid");
        Attachment recording = recording(sid, required(form, "RecordingUrl"));
        String call = callSid(form);
        Instant started = rfc1123(form.get("RecordingStartTime"));
        started = started == null ? now : started;
        if (query.containsKey(CallPlacer.TO_PARAMETER)) {
            return List.of(new CallUpdate(sid, started, OutboundCallEvents.customer(query), call, Direction.OUTBOUND,
                    null, List.of(), null, null, null, null, OutboundCallEvents.agent(query), null, recording, null));
        }
        return List.of(new CallUpdate(sid, started, VoicemailEvents.caller(form, query), call, Direction.INBOUND, null,
                List.of(), null, null, null, null, null, null, recording, null));
    }

    /**
     * {@code /voice/transcription}: the voicemail's transcript, usually a minute after the recording,
     * for the same call. It names the recording too, so a transcript that overtakes its recording
     * callback still files a complete voicemail (the core adds a recording once).
     */
    static List<ChannelEvent> transcript(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String status = form.get("TranscriptionStatus");
        if (status != null && !status.isBlank() && !status.strip().equalsIgnoreCase("completed")) {
            return List.of();
        }
        String sid = required(form, "TranscriptionSid");
        String text = blankToNull(form.get("TranscriptionText"));
        String recordingUrl = blankToNull(form.get("RecordingUrl"));
        String recordingSid = blankToNull(form.get("RecordingSid"));
        Attachment recording = recordingUrl == null || recordingSid == null ? null : recording(recordingSid, recordingUrl);
        return List.of(new CallUpdate(sid, now, VoicemailEvents.caller(form, query), callSid(form), Direction.INBOUND,
                CallOutcome.VOICEMAIL, voicemailPath(query), null, null, null, null, null, null, recording,
                text == null ? "(no words recognised)" : text));
    }

    /** Twilio serves a recording as WAV without an extension, as MP3 with ".mp3": MP3 is a tenth of the size. */
    static Attachment recording(String sid, String url) {
        String audio = AUDIO_FILE.matcher(url.strip()).matches() ? url.strip() : url.strip() + ".mp3";
        boolean wav = audio.toLowerCase(Locale.ROOT).endsWith(".wav");
        return new Attachment(audio, wav ? "audio/x-wav" : "audio/mpeg", sid + (wav ? ".wav" : ".mp3"), -1);
    }

    private static List<String> voicemailPath(Map<String, String> query) {
        List<String> path = new ArrayList<>(IvrPath.decode(query.get(VoicemailEvents.PATH_PARAMETER)).labels());
        if ("true".equals(query.get(VoicemailEvents.CLOSED_PARAMETER))) {
            path.add(AFTER_HOURS);
        }
        return path;
    }

    /** The caller of a request about a live call, which Twilio sends with every one of them. */
    private static Contact caller(Map<String, String> form) throws MalformedRequestException {
        return VoicemailEvents.caller(form, Map.of());
    }

    private static String queueKey(Map<String, String> form, String queue) {
        String sid = blankToNull(form.get("QueueSid"));
        return sid != null ? sid : queue != null ? queue : "-";
    }

    private static String callSid(Map<String, String> form) throws MalformedRequestException {
        return required(form, "CallSid");
    }

    /** Seconds as Twilio counts them, or null when missing or not a count. */
    static Duration seconds(String text) {
        return text == null || !SECONDS.matcher(text.strip()).matches() ? null : Duration.ofSeconds(Long.parseLong(text.strip()));
    }

    /** A time this connector wrote into a URL, or null. */
    static Instant epochSeconds(String text) {
        return text == null || !SECONDS.matcher(text.strip()).matches() ? null : Instant.ofEpochSecond(Long.parseLong(text.strip()));
    }

    private static Instant rfc1123(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration nonNegative(Duration duration) {
        // Twilio's clock and ours differ by a little: a negative time is none.
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static String required(Map<String, String> form, String name) throws MalformedRequestException {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedRequestException(name + " is missing");
        }
        return value.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
