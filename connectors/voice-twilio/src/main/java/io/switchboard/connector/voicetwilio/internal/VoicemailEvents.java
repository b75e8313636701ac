package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.Contact;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.MalformedRequestException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who left a voicemail. Twilio's recording-status and transcription callbacks come without the caller's
 * number, so the voicemail's answer puts it (with the IVR path) into their URLs, which Twilio signs.
 */
final class VoicemailEvents {

    static final String FROM_PARAMETER = "from";
    static final String PATH_PARAMETER = "path";
    static final String CLOSED_PARAMETER = "closed";
    /** The call, in the URLs of the voicemail the core answers with while the connector is down. */
    static final String CALL_SID_PARAMETER = "callSid";
    /** The number Twilio reports for callers who withhold theirs ("ANONYMOUS" on a keypad). */
    static final String TWILIO_ANONYMOUS = "+266696687";
    static final String WITHHELD_NAMESPACE = "twilio-call";
    static final String CLIENT_NAMESPACE = "twilio";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private VoicemailEvents() {
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
            call = query.get(CALL_SID_PARAMETER);
        }
        if (call == null || call.isBlank()) {
            throw new MalformedRequestException("neither the caller's number nor CallSid was sent");
        }
        return new Contact(Address.scoped(IdentityKind.EXTERNAL, WITHHELD_NAMESPACE, call.strip()), List.of(),
                "Caller with withheld number");
    }
}
