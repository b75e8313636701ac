package io.switchboard.connector.smstwilio.internal;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.KeywordReceived;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.MalformedRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the form parameters of signed Twilio requests into events. Twilio's messaging webhooks carry
 * no timestamp, so events happen when they arrive.
 */
final class InboundParser {

    /** Address namespace of senders that are not phone numbers (alphanumeric sender ids). */
    static final String SENDER_ID_NAMESPACE = "sms-sender";

    /** Twilio gives phone numbers in E.164; anything else (a sender id such as "ACME") is not one. */
    private static final Pattern PHONE = Pattern.compile("\\+[0-9]{6,15}");
    /** Twilio's standard opt-out and opt-in keywords; Twilio itself stops delivering after the former. */
    private static final Set<String> OPT_OUT_KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> OPT_IN_KEYWORDS = Set.of("START", "YES", "UNSTOP");
    /** Twilio's standard help keywords; Twilio answers them with the number's help text itself. */
    private static final Set<String> HELP_KEYWORDS = Set.of("HELP", "INFO");
    /** A media SID as the last segment of a media URL: what the attachment's file name starts with. */
    private static final Pattern MEDIA_SID = Pattern.compile("[A-Za-z0-9]{1,64}");
    /** File name extensions of the media types MMS carries; a type not listed gets no extension. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", ".jpg"), Map.entry("image/jpg", ".jpg"), Map.entry("image/png", ".png"),
            Map.entry("image/gif", ".gif"), Map.entry("image/bmp", ".bmp"), Map.entry("image/webp", ".webp"),
            Map.entry("image/heic", ".heic"), Map.entry("image/tiff", ".tiff"),
            Map.entry("video/mp4", ".mp4"), Map.entry("video/3gpp", ".3gp"), Map.entry("video/quicktime", ".mov"),
            Map.entry("video/mpeg", ".mpeg"), Map.entry("video/webm", ".webm"),
            Map.entry("audio/mpeg", ".mp3"), Map.entry("audio/mp4", ".m4a"), Map.entry("audio/amr", ".amr"),
            Map.entry("audio/ogg", ".ogg"), Map.entry("audio/wav", ".wav"), Map.entry("audio/3gpp", ".3gp"),
            Map.entry("text/vcard", ".vcf"), Map.entry("text/x-vcard", ".vcf"), Map.entry("text/calendar", ".ics"),
            Map.entry("text/plain", ".txt"), Map.entry("text/csv", ".csv"), Map.entry("application/pdf", ".pdf"));
    /** Twilio allows at most 10 media per MMS; a larger count is not Twilio's. */
    private static final int MAX_MEDIA = 10;

    /** Twilio's statuses with a place in the model; queued, accepted, scheduled, sending and the rest
     *  say nothing the core does not already know once the send returned, so they make no event. */
    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ,
            "undelivered", DeliveryStatus.FAILED,
            "failed", DeliveryStatus.FAILED);

    /** An incoming SMS or MMS; empty when it carries neither text nor media, which the core refuses. */
    List<ChannelEvent> message(Map<String, String> form) throws MalformedRequestException {
        String sid = required(form, "MessageSid");
        String from = required(form, "From");
        String text = form.getOrDefault("Body", "");
        List<Attachment> media = media(form);
        if (text.isEmpty() && media.isEmpty()) {
            return List.of();
        }
        Contact contact = new Contact(sender(from), List.of(), null);
        // No thread id: an SMS conversation is the pair of numbers, so the core threads by sender.
        InboundMessage message = new InboundMessage(sid, null, contact, null, text, media);
        String keyword = text.strip().toUpperCase(Locale.ROOT);
        if (OPT_OUT_KEYWORDS.contains(keyword) || OPT_IN_KEYWORDS.contains(keyword)) {
            return List.of(message, new ConsentChange(sid + ":consent", null, contact.replyAddress(),
                    OPT_IN_KEYWORDS.contains(keyword), keyword));
        }
        if (HELP_KEYWORDS.contains(keyword)) {
            return List.of(message, new KeywordReceived(sid + ":keyword", null, contact.replyAddress(), keyword));
        }
        return List.of(message);
    }

    /**
     * A status callback of a message this instance sent.
     *
     * @param outboundId the outbound id from the callback URL's query, or null
     */
    List<ChannelEvent> status(Map<String, String> form, String outboundId) throws MalformedRequestException {
        String sid = required(form, "MessageSid");
        String twilioStatus = required(form, "MessageStatus").toLowerCase(Locale.ROOT);
        DeliveryStatus status = STATUSES.get(twilioStatus);
        if (status == null) {
            return List.of();
        }
        String reason = status == DeliveryStatus.FAILED ? failureReason(twilioStatus, form.get("ErrorCode")) : null;
        return List.of(new DeliveryUpdate(sid + ":" + twilioStatus, null, sid,
                outboundId == null || outboundId.isBlank() ? null : outboundId, status, reason));
    }

    private static String failureReason(String twilioStatus, String errorCode) throws MalformedRequestException {
        if (errorCode == null || errorCode.isBlank()) {
            return twilioStatus + " (Twilio gave no error code)";
        }
        try {
            return twilioStatus + ": " + TwilioErrors.describe(Integer.parseInt(errorCode.strip()));
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("ErrorCode is not a number");
        }
    }

    private static Address sender(String from) {
        return PHONE.matcher(from).matches()
                ? Address.phone(from)
                : Address.scoped(IdentityKind.EXTERNAL, SENDER_ID_NAMESPACE, from);
    }

    private static List<Attachment> media(Map<String, String> form) throws MalformedRequestException {
        String count = form.getOrDefault("NumMedia", "0").strip();
        int numMedia;
        try {
            numMedia = count.isEmpty() ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("NumMedia is not a number");
        }
        if (numMedia < 0 || numMedia > MAX_MEDIA) {
            throw new MalformedRequestException("NumMedia must be from 0 to " + MAX_MEDIA);
        }
        List<Attachment> media = new ArrayList<>();
        for (int i = 0; i < numMedia; i++) {
            String url = required(form, "MediaUrl" + i);
            String contentType = form.get("MediaContentType" + i);
            contentType = contentType == null || contentType.isBlank() ? null : contentType.strip();
            media.add(new Attachment(url, contentType, fileName(url, contentType, i), -1));
        }
        return media;
    }

    /**
     * The media SID (the last segment of Twilio's media URL, {@code ME…}) and an extension for the
     * content type, e.g. {@code ME0123….jpg}: what an agent's download is saved as.
     */
    static String fileName(String url, String contentType, int index) {
        String path = url;
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        path = path.substring(0, end);
        String last = path.substring(path.lastIndexOf('/') + 1);
        String base = MEDIA_SID.matcher(last).matches() ? last : "media-" + index;
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return base + EXTENSIONS.getOrDefault(type, "");
    }

    private static String required(Map<String, String> form, String name) throws MalformedRequestException {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedRequestException(name + " is missing");
        }
        return value;
    }
}
