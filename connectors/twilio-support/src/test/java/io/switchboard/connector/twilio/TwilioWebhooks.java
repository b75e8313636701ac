package io.switchboard.connector.twilio;

import io.switchboard.api.channel.WebhookRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Webhook requests as Twilio sends them: form-encoded POSTs, signed with {@link TwilioSignatures}. */
public final class TwilioWebhooks {

    private TwilioWebhooks() {
    }

    /** The form of alternating names and values, in that order. */
    public static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /**
     * A POST to {@code /hooks/{instance}{pathAndQuery}} as the core hands it to the instance, which saw
     * it arrive at {@code localBase}.
     *
     * @param signature the {@code X-Twilio-Signature}, or null for none
     */
    public static WebhookRequest post(String localBase, String instance, String pathAndQuery, Map<String, String> form,
            String signature) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        if (signature != null) {
            headers.put("X-Twilio-Signature", List.of(signature));
        }
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        return new WebhookRequest("POST", path, URI.create(localBase + "/hooks/" + instance + pathAndQuery),
                headers, encode(form).getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
