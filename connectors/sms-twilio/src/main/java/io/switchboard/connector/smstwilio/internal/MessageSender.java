package io.switchboard.connector.smstwilio.internal;

import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Attachment;
import io.switchboard.connector.twilio.TwilioExchange;
import io.switchboard.connector.twilio.TwilioTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message through the SDK's Messages API and turns every outcome into a {@link SendResult}.
 *
 * <p>Twilio's Messages API has no idempotency key. A request that fails before Twilio answers is
 * retried: most such failures (refused connection, unknown host) happen before anything was sent, and
 * a lost SMS is worse for a helpdesk than a rare duplicate after a timeout.
 */
final class MessageSender {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);

    static final String OPTED_OUT_REASON =
            "recipient has opted out (Twilio 21610); they must text START to receive messages again";
    /** Credentials an admin has to fix: the message waits instead of failing at once. */
    static final Duration AFTER_REJECTED_CREDENTIALS = Duration.ofMinutes(5);

    private final TwilioTransport transport;
    private final TwilioSettings settings;
    private final String statusCallbackUrl;
    private final Consumer<String> credentialsRejected;
    private final Consumer<ConsentChange> optedOut;

    /**
     * @param credentialsRejected told, with a sentence for the admin, when Twilio refuses the credentials
     * @param optedOut told when Twilio reports the recipient unsubscribed, so the core holds back
     *     further replies until the customer texts START
     */
    MessageSender(TwilioTransport transport, TwilioSettings settings, String statusCallbackUrl,
            Consumer<String> credentialsRejected, Consumer<ConsentChange> optedOut) {
        this.transport = transport;
        this.settings = settings;
        this.statusCallbackUrl = statusCallbackUrl;
        this.credentialsRejected = credentialsRejected;
        this.optedOut = optedOut;
    }

    SendResult send(OutboundMessage message) {
        TwilioExchange exchange = new TwilioExchange(transport, settings);
        try {
            Message sent = creator(message).create(exchange.client());
            return SendResult.sent(sent.getSid());
        } catch (ApiException e) {
            return failure(e, exchange, message);
        } catch (RuntimeException e) {
            // The SDK could not make sense of what happened; when Twilio accepted the message, its
            // answer was just unreadable and the status callbacks will find it by the outbound id.
            if (exchange.status() >= 200 && exchange.status() < 300) {
                return SendResult.sent(message.id());
            }
            return SendResult.retry("the Twilio SDK failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private MessageCreator creator(OutboundMessage message) {
        PhoneNumber to = new PhoneNumber(message.to().value());
        String body = message.text() == null ? "" : message.text();
        MessageCreator creator = settings.phoneNumber() != null
                ? Message.creator(to, new PhoneNumber(settings.phoneNumber()), body)
                : Message.creator(to, settings.messagingServiceSid(), body);
        // The outbound id travels in the callback URL (which Twilio signs), so a report that arrives
        // before the core has recorded the SID still finds its message.
        creator.setStatusCallback(URI.create(statusCallbackUrl + "?" + SmsTwilioChannel.OUTBOUND_PARAMETER + "="
                + URLEncoder.encode(message.id(), StandardCharsets.UTF_8)));
        List<URI> media = message.attachments().stream().map(Attachment::url).map(URI::create).toList();
        if (!media.isEmpty()) {
            creator.setMediaUrl(media);
        }
        return creator;
    }

    private SendResult failure(ApiException e, TwilioExchange exchange, OutboundMessage outbound) {
        if (exchange.status() < 0) {
            return SendResult.retry("could not reach Twilio: " + e.getMessage());
        }
        int status = exchange.status();
        int code = e.getCode() == null ? 0 : e.getCode();
        // Without a status in the exception, the SDK could not read Twilio's error body (an empty 500,
        // say); its parser's complaint would tell the agent nothing.
        String message = e.getStatusCode() == null || e.getMessage() == null || e.getMessage().isBlank()
                ? "" : ": " + e.getMessage();
        String answered = "Twilio answered " + status + (code == 0 ? "" : ", " + TwilioErrors.describe(code)) + message;
        if (status == 429 || code == TwilioErrors.TOO_MANY_REQUESTS || status >= 500) {
            return new SendResult.Retry(answered, RetryAfter.parse(exchange.header("Retry-After"), Instant.now()));
        }
        if (status == 401) {
            credentialsRejected.accept("Twilio rejected the " + TwilioSettings.ACCOUNT_SID + " or "
                    + TwilioSettings.AUTH_TOKEN + " (HTTP 401); check them in the channel settings");
            return new SendResult.Retry(answered, AFTER_REJECTED_CREDENTIALS);
        }
        if (code == TwilioErrors.OPTED_OUT) {
            recordOptOut(outbound);
            return SendResult.failed(OPTED_OUT_REASON);
        }
        return SendResult.failed(answered);
    }

    private void recordOptOut(OutboundMessage message) {
        try {
            optedOut.accept(new ConsentChange("optout:" + message.id(), Instant.now(), message.to(), false,
                    "twilio:" + TwilioErrors.OPTED_OUT));
        } catch (RuntimeException e) {
            // The reply still fails with the reason; only the next replies are not held back at once.
            LOG.warn("Could not record that {} opted out: {}", message.to().value(), e.toString());
        }
    }
}
