package io.switchboard.api.channel;

import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import java.util.List;

/**
 * A reply to send.
 *
 * @param id stable across retries of this message; pass it to the provider as an idempotency key
 * @param ticketId the ticket it belongs to
 * @param threadId the conversation's provider thread id, or null
 * @param to the customer's address on this channel
 * @param author the agent's display name
 * @param attempt 1 for the first try
 */
public record OutboundMessage(String id, long ticketId, String threadId, Address to, String author,
        String text, List<Attachment> attachments, int attempt) {
    public OutboundMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
