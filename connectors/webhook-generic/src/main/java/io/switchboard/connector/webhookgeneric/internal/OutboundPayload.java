package io.switchboard.connector.webhookgeneric.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.model.Attachment;

/**
 * The JSON body of a reply. Every field is always present (null when empty), so integrators can rely
 * on one shape.
 */
final class OutboundPayload {

    private OutboundPayload() {
    }

    static byte[] toJson(OutboundMessage message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("messageId", message.id());
        body.put("ticketId", message.ticketId());
        body.put("threadId", message.threadId());
        body.putObject("recipient").put("id", message.to().localPart());
        body.put("author", message.author());
        body.put("text", message.text());
        ArrayNode attachments = body.putArray("attachments");
        for (Attachment attachment : message.attachments()) {
            attachments.addObject()
                    .put("url", attachment.url())
                    .put("contentType", attachment.contentType())
                    .put("fileName", attachment.fileName());
        }
        body.put("attempt", message.attempt());
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; failing here means a broken mapper.
            throw new IllegalStateException("could not write the reply as JSON", e);
        }
    }
}
