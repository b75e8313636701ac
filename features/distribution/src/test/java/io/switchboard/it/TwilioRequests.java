package io.switchboard.it;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/** What Twilio sends and receives, as the Twilio ITs build and read it: form bodies, webhook posts and SIDs. */
final class TwilioRequests {
    private TwilioRequests() {
    }

    /**
     * The form POST Twilio makes to a webhook, arriving at {@code target} through the proxy in front of
     * Switchboard; unsigned when {@code signature} is null.
     */
    static HttpRequest webhook(URI target, Map<String, String> form, String signature, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(encodeForm(form), StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.build();
    }

    static String encodeForm(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** A Twilio SID: two letters naming the kind, then 32 hex digits. */
    static String newSid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
