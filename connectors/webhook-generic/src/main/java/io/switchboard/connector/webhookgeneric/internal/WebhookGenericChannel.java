package io.switchboard.connector.webhookgeneric.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.channel.WebhookResponse;
import io.switchboard.api.model.IdentityKind;
import java.util.List;
import java.util.Optional;

/**
 * One configured generic webhook channel. Stateless apart from its settings, so the core may call it
 * from several threads at once.
 */
final class WebhookGenericChannel implements ChannelInstance {

    static final String MESSAGES_PATH = "/messages";
    static final String STATUS_PATH = "/status";

    private final String instanceId;
    private final Signature signature;
    private final InboundParser parser;
    private final CallbackClient callback;
    private volatile boolean disposed;

    WebhookGenericChannel(String instanceId, ChannelSettings settings) {
        this.instanceId = instanceId;
        this.signature = new Signature(settings.secret());
        this.parser = new InboundParser(instanceId);
        this.callback = new CallbackClient(settings.callbackUrl(), settings.requestTimeout(), signature);
    }

    @Override
    public InboundResult receive(WebhookRequest request) {
        if (disposed) {
            throw new IllegalStateException("channel instance " + instanceId + " has been disposed");
        }
        boolean messages = request.path().equals(MESSAGES_PATH);
        if (!messages && !request.path().equals(STATUS_PATH)) {
            return InboundResult.reject(Reason.NOT_FOUND,
                    "no such endpoint; POST to " + MESSAGES_PATH + " or " + STATUS_PATH);
        }
        if (!request.method().equals("POST")) {
            return InboundResult.reject(Reason.METHOD_NOT_ALLOWED, request.path() + " only accepts POST");
        }
        // Nothing of the body is looked at before the signature holds.
        Optional<String> forgery = signature.problemWith(request.body(), request.header(Signature.HEADER));
        if (forgery.isPresent()) {
            return InboundResult.reject(Reason.UNAUTHENTICATED, forgery.get());
        }
        try {
            ChannelEvent event = messages ? parser.message(request.body()) : parser.status(request.body());
            return InboundResult.accept(List.of(event), accepted(event.eventId()));
        } catch (MalformedPayloadException e) {
            return InboundResult.reject(Reason.MALFORMED, e.getMessage());
        }
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (disposed) {
            return SendResult.retry("channel instance " + instanceId + " has been disposed");
        }
        if (message.id() == null || message.id().isBlank()) {
            return SendResult.failed("the message has no id to use as idempotency key");
        }
        if (message.to() == null || message.to().kind() != IdentityKind.EXTERNAL) {
            return SendResult.failed("this channel replies only to EXTERNAL addresses, not "
                    + (message.to() == null ? "none" : message.to().kind()));
        }
        return callback.post(OutboundPayload.toJson(message), message.id());
    }

    @Override
    public void dispose() {
        disposed = true;
    }

    /**
     * 200 rather than 202: the core answers only once the event is stored, so the sender may forget it.
     */
    private static WebhookResponse accepted(String eventId) {
        try {
            byte[] body = Json.MAPPER.writeValueAsBytes(
                    Json.MAPPER.createObjectNode().put("status", "accepted").put("eventId", eventId));
            return new WebhookResponse(200, "application/json", body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the answer as JSON", e);
        }
    }
}
