package io.switchboard.api.channel;

import java.nio.charset.StandardCharsets;

/** What the core answers the provider once the request's events are stored. */
public record WebhookResponse(int status, String contentType, byte[] body) {

    public WebhookResponse {
        body = body == null ? new byte[0] : body;
    }

    /** 204 No Content. */
    public static WebhookResponse noContent() {
        return new WebhookResponse(204, null, null);
    }

    /** 200 with a text body of the given type, e.g. TwiML as {@code application/xml}. */
    public static WebhookResponse ok(String contentType, String body) {
        return new WebhookResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
