package io.switchboard.connector.smstwilio.internal;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.channel.WebhookResponse;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.HealthReporter;
import io.switchboard.connector.twilio.MalformedRequestException;
import io.switchboard.connector.twilio.MediaDownloader;
import io.switchboard.connector.twilio.TwilioTransport;
import io.switchboard.connector.twilio.WebhookSignature;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;

/**
 * One Twilio number or Messaging Service. Apart from its connection pool it holds only its settings,
 * so the core may call it from several threads at once.
 */
final class SmsTwilioChannel implements ChannelInstance {

    static final String SMS_PATH = "/sms";
    static final String STATUS_PATH = "/status";
    /** The query parameter of the status callback URL that carries the outbound id back. */
    static final String OUTBOUND_PARAMETER = "outbound";
    static final String TWIML_CONTENT_TYPE = "application/xml";

    private final String instanceId;
    private final WebhookSignature signature;
    private final InboundParser parser = new InboundParser();
    private final MessageSender sender;
    private final MediaDownloader media;
    private final TwilioTransport transport;
    private final HealthReporter health;
    private final WebhookResponse emptyTwiml;
    private volatile boolean disposed;

    /**
     * @param optedOut stores the consent change of a recipient Twilio reports as unsubscribed
     * @param mediaSizeLimit the most bytes of one MMS media the core keeps
     */
    SmsTwilioChannel(String instanceId, TwilioSettings settings, TwilioTransport transport, HealthReporter health,
            Consumer<ConsentChange> optedOut, long mediaSizeLimit) {
        this.instanceId = instanceId;
        this.signature = new WebhookSignature(settings.authToken(), settings.publicBaseUrl() + "/hooks/" + instanceId);
        this.transport = transport;
        this.health = health;
        this.sender = new MessageSender(transport, settings, settings.statusCallbackUrl(instanceId),
                problem -> health.report(Health.offline(Health.Reason.CONFIGURATION_ERROR, problem)), optedOut);
        this.media = new MediaDownloader(transport, settings, mediaSizeLimit, "media");
        this.emptyTwiml = WebhookResponse.ok(TWIML_CONTENT_TYPE, emptyTwiml());
    }

    @Override
    public InboundResult receive(WebhookRequest request) {
        if (disposed) {
            throw new IllegalStateException("channel instance " + instanceId + " has been disposed");
        }
        boolean sms = request.path().equals(SMS_PATH);
        if (!sms && !request.path().equals(STATUS_PATH)) {
            return InboundResult.reject(Reason.NOT_FOUND, "no such endpoint; Twilio posts to " + SMS_PATH + " or " + STATUS_PATH);
        }
        if (!request.method().equals("POST")) {
            return InboundResult.reject(Reason.METHOD_NOT_ALLOWED, request.path() + " only accepts POST");
        }
        Map<String, String> form = request.formParameters();
        // Nothing of the request is looked at before the signature holds.
        Optional<String> forgery = signature.problemWith(request, form);
        if (forgery.isPresent()) {
            return InboundResult.reject(Reason.UNAUTHENTICATED, forgery.get());
        }
        try {
            List<ChannelEvent> events = sms
                    ? parser.message(form)
                    : parser.status(form, request.queryParameters().get(OUTBOUND_PARAMETER));
            return InboundResult.accept(events, emptyTwiml);
        } catch (MalformedRequestException e) {
            return InboundResult.reject(Reason.MALFORMED, e.getMessage());
        }
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (disposed) {
            return SendResult.retry("channel instance " + instanceId + " has been disposed");
        }
        if (message.to() == null || message.to().kind() != IdentityKind.PHONE) {
            return SendResult.failed("this channel sends SMS to phone numbers only, not to "
                    + (message.to() == null ? "no address" : message.to().kind() + " addresses"));
        }
        if ((message.text() == null || message.text().isEmpty()) && message.attachments().isEmpty()) {
            return SendResult.failed("an SMS needs text or attachments");
        }
        SendResult result = sender.send(message);
        if (result instanceof SendResult.Sent) {
            health.credentialsWorked();
        }
        return result;
    }

    /** MMS media live at Twilio behind the account's credentials, so they are downloaded and kept. */
    @Override
    public MediaResult fetchMedia(Attachment attachment) {
        if (disposed) {
            return MediaResult.retry("channel instance " + instanceId + " has been disposed");
        }
        return media.fetch(attachment);
    }

    @Override
    public void dispose() {
        disposed = true;
        transport.close();
    }

    /** Twilio's answer to a webhook when nothing is to be sent back right away. */
    private static String emptyTwiml() {
        try {
            return new MessagingResponse.Builder().build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("the Twilio SDK could not write an empty TwiML response", e);
        }
    }
}
