package io.switchboard.api.model;

import java.time.Instant;
import java.util.List;

/**
 * One entry on a ticket's timeline. Messages carry their conversation, direction and delivery status;
 * calls their conversation and direction (their details are a {@link Call} of the same entry id);
 * notes and events leave those null.
 *
 * @param conversationId the conversation of a message, else null
 * @param author who wrote it: the customer's name, the agent's name, or "system"
 * @param providerMessageId the provider's id of a message, once known
 * @param failureReason why a message failed, when it did
 */
public record TimelineEntry(long id, EntryType type, Instant createdAt, Long conversationId,
        Direction direction, AuthorType authorType, String author, String text,
        List<Attachment> attachments, DeliveryStatus deliveryStatus, String providerMessageId,
        String failureReason) {
}
