package io.switchboard.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Incoming SMS as Twilio posts them ({@code docs/channels/sms-twilio.md}): a form-encoded body signed with
 * {@code X-Twilio-Signature}, the base64 HMAC-SHA1, keyed with the Auth Token, of the URL Twilio called
 * followed by each parameter's name and value in the order of their names.
 */
final class TwilioMessages implements WebhookMessages {
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final String ALGORITHM = "HmacSHA1";
    /** Customers' numbers are counted up from here: +12000000001, +12000000002, ... */
    private static final long FIRST_NUMBER = 12_000_000_000L;

    private final Mac mac;
    private final String signedUrl;
    private final String accountSid;
    private final String to;
    private final AtomicLong customerNumbers;
    private String lastSenderId;
    private String lastNumber;

    /**
     * @param signedUrl       the hook's URL as Twilio would call it: the instance's public base URL, not the
     *                        loopback address the request actually goes to
     * @param customerNumbers shared by all senders of a target, so that each customer gets a number of its own
     */
    TwilioMessages(String authToken, String signedUrl, String accountSid, String to, AtomicLong customerNumbers) {
        this.mac = mac(authToken);
        this.signedUrl = signedUrl;
        this.accountSid = accountSid;
        this.to = to;
        this.customerNumbers = customerNumbers;
    }

    @Override
    public Signed message(String eventId, String senderId, String text) {
        String from = phoneNumber(senderId);
        String sid = messageSid(eventId);
        // The parameters in the order of their names, as the signature needs them.
        String[][] parameters = {{"AccountSid", accountSid}, {"Body", text}, {"From", from}, {"MessageSid", sid},
                {"NumMedia", "0"}, {"To", to}};
        StringBuilder signed = new StringBuilder(signedUrl);
        StringBuilder form = new StringBuilder();
        for (String[] parameter : parameters) {
            signed.append(parameter[0]).append(parameter[1]);
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(parameter[0]).append('=').append(URLEncoder.encode(parameter[1], StandardCharsets.UTF_8));
        }
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        return new Signed(form.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                SIGNATURE_HEADER, signature);
    }

    /**
     * A sender writes as one customer after another and never returns to an earlier one, so a new number
     * whenever the sender id changes gives every customer exactly one number.
     */
    private String phoneNumber(String senderId) {
        if (!senderId.equals(lastSenderId)) {
            lastSenderId = senderId;
            lastNumber = "+" + (FIRST_NUMBER + customerNumbers.incrementAndGet());
        }
        return lastNumber;
    }

    /** Twilio's form, SM and 32 hex digits, derived from the event id so that it is unique as well. */
    private static String messageSid(String eventId) {
        UUID uuid = UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8));
        return "SM" + HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
                + HexFormat.of().toHexDigits(uuid.getLeastSignificantBits());
    }

    private static Mac mac(String key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
