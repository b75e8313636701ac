package io.switchboard.connector.twilio;

import com.twilio.security.RequestValidator;
import io.switchboard.api.channel.WebhookRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: the HMAC-SHA1, keyed with
 * the Auth Token, of the URL Twilio called followed by the form parameters sorted by name. That URL is
 * rebuilt from the configured public base URL, because behind a reverse proxy this server sees
 * another one; the SDK also accepts it with and without the default port, as Twilio signs both.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final String hookBaseUrl;

    /** @param hookBaseUrl the public base URL, {@code /hooks/} and the instance id */
    public WebhookSignature(String authToken, String hookBaseUrl) {
        this.validator = new RequestValidator(authToken);
        this.hookBaseUrl = hookBaseUrl;
    }

    /** Empty when the request is Twilio's; else what is wrong, for the core's log (never the expected value). */
    public Optional<String> problemWith(WebhookRequest request, Map<String, String> form) {
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            return Optional.of(HEADER + " header is missing");
        }
        String signedUrl = hookBaseUrl + request.pathAndQuery();
        return validator.validate(signedUrl, form, header.strip())
                ? Optional.empty()
                : Optional.of(HEADER + " does not match " + signedUrl
                        + " and the form parameters; check the public base URL and the Auth Token");
    }
}
