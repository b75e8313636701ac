package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.MalformedRequestException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Twilio's recording-status and transcription callbacks into messages from the caller. Both
 * callbacks come without the caller's number, so the voicemail's answer put it (with the IVR path) into
 * their URLs, which Twilio signs.
 */
final class VoicemailEvents {

    static final String FROM_PARAMETER = "from";
    static final String PATH_PARAMETER = "path";
    static final String CLOSED_PARAMETER = "closed";
    /** The number Twilio reports for callers who withhold theirs ("ANONYMOUS" on a keypad). */
    static final String TWILIO_ANONYMOUS = "+266696687";
    static final String WITHHELD_NAMESPACE = "twilio-call";
    static final String CLIENT_NAMESPACE = "twilio";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern AUDIO_FILE = Pattern.compile("(?i).*\\.(mp3|wav)$");

    private VoicemailEvents() {
    }

    /** A completed recording becomes the voicemail; other statuses ({@code absent}, {@code failed}) nothing. */
    static List<ChannelEvent> recording(Map<String, String> form, Map<String, String> query) throws MalformedRequestException {
        String status = form.get("RecordingStatus");
        if (status != null && !status.isBlank() && !status.strip().equalsIgnoreCase("completed")) {
            return List.of();
        }
        String sid = required(form, "RecordingSid");
        String url = required(form, "RecordingUrl");
        Contact caller = caller(form, query);
        StringBuilder text = new StringBuilder("Voicemail");
        String duration = form.get("RecordingDuration");
        if (duration != null && duration.strip().matches("[0-9]{1,6}")) {
            text.append(" (").append(Integer.parseInt(duration.strip())).append(" s)");
        }
        if ("true".equals(query.get(CLOSED_PARAMETER))) {
            text.append(" outside business hours");
        }
        IvrPath path = IvrPath.decode(query.get(PATH_PARAMETER));
        if (!path.isEmpty()) {
            text.append(" via IVR: ").append(path.describe());
        }
        // Twilio serves a recording as WAV without an extension, as MP3 with ".mp3": MP3 is a tenth of the size.
        String audio = AUDIO_FILE.matcher(url.strip()).matches() ? url.strip() : url.strip() + ".mp3";
        String contentType = audio.toLowerCase(Locale.ROOT).endsWith(".wav") ? "audio/x-wav" : "audio/mpeg";
        Attachment recording = new Attachment(audio, contentType, sid + (contentType.equals("audio/mpeg") ? ".mp3" : ".wav"), -1);
        return List.of(new InboundMessage(sid, startTime(form.get("RecordingStartTime")), caller, null, text.toString(),
                List.of(recording)));
    }

    /**
     * A completed transcript becomes a second message from the same caller, keyed by the transcription;
     * a failed one nothing (the recording is there to listen to).
     */
    static List<ChannelEvent> transcription(Map<String, String> form, Map<String, String> query)
            throws MalformedRequestException {
        String status = form.get("TranscriptionStatus");
        if (status != null && !status.isBlank() && !status.strip().equalsIgnoreCase("completed")) {
            return List.of();
        }
        String sid = required(form, "TranscriptionSid");
        String transcript = form.getOrDefault("TranscriptionText", "").strip();
        return List.of(new InboundMessage(sid, null, caller(form, query), null,
                "Voicemail transcript: " + (transcript.isEmpty() ? "(no words recognised)" : transcript), List.of()));
    }

    /**
     * The caller as the call's answer named them. A withheld number is a customer of its own per call:
     * "anonymous" is nobody's address.
     */
    static Contact caller(Map<String, String> form, Map<String, String> query) throws MalformedRequestException {
        String from = query.get(FROM_PARAMETER);
        if (from == null || from.isBlank()) {
            from = form.get("From");
        }
        from = from == null ? "" : from.strip();
        if (E164.matcher(from).matches() && !from.equals(TWILIO_ANONYMOUS)) {
            return new Contact(Address.phone(from), List.of(), null);
        }
        if (from.startsWith("client:") || from.startsWith("sip:")) {
            return new Contact(Address.scoped(IdentityKind.EXTERNAL, CLIENT_NAMESPACE, from), List.of(), null);
        }
        String call = form.get("CallSid");
        if (call == null || call.isBlank()) {
            throw new MalformedRequestException("neither the caller's number nor CallSid was sent");
        }
        return new Contact(Address.scoped(IdentityKind.EXTERNAL, WITHHELD_NAMESPACE, call.strip()), List.of(),
                "Caller with withheld number");
    }

    private static Instant startTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String required(Map<String, String> form, String name) throws MalformedRequestException {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedRequestException(name + " is missing");
        }
        return value.strip();
    }
}
