package io.switchboard.connector.smstwilio.internal;

import java.util.Map;

/** What Twilio's error codes mean, for the ones an agent or admin meets with SMS. */
final class TwilioErrors {

    static final int OPTED_OUT = 21610;
    static final int TOO_MANY_REQUESTS = 20429;

    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(20003, "authentication failed"),
            Map.entry(20404, "resource not found"),
            Map.entry(TOO_MANY_REQUESTS, "too many requests"),
            Map.entry(21211, "invalid 'To' phone number"),
            Map.entry(21408, "sending to this region is not enabled on the account"),
            Map.entry(21602, "message body is required"),
            Map.entry(21606, "the 'From' number cannot send SMS or does not belong to the account"),
            Map.entry(OPTED_OUT, "the recipient has opted out"),
            Map.entry(21612, "Twilio cannot route to this number"),
            Map.entry(21614, "'To' is not a mobile number"),
            Map.entry(21617, "the message body exceeds the 1600 character limit"),
            Map.entry(30001, "queue overflow"),
            Map.entry(30002, "account suspended"),
            Map.entry(30003, "unreachable destination handset"),
            Map.entry(30004, "message blocked"),
            Map.entry(30005, "unknown destination handset"),
            Map.entry(30006, "landline or unreachable carrier"),
            Map.entry(30007, "message filtered by the carrier"),
            Map.entry(30008, "unknown error"),
            Map.entry(30034, "message from an unregistered A2P 10DLC number"));

    private TwilioErrors() {
    }

    /** "Twilio error 30003 (unreachable destination handset)", or with a link for codes not listed here. */
    static String describe(int code) {
        String meaning = MEANINGS.get(code);
        return meaning == null
                ? "Twilio error " + code + " (see https://www.twilio.com/docs/api/errors/" + code + ")"
                : "Twilio error " + code + " (" + meaning + ")";
    }
}
