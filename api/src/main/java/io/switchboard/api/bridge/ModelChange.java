package io.switchboard.api.bridge;

import java.time.Instant;

/**
 * One entry of the model's change stream: this object was created or changed. Positions grow strictly
 * in the order changes became visible, and never change.
 *
 * @param position the change's place in the stream
 * @param kind what changed
 * @param entityId the id of the customer, ticket or timeline entry
 * @param ticketId the ticket of a ticket or timeline entry; null for a customer
 * @param recordedAt when the change was committed (roughly)
 */
public record ModelChange(long position, EntityKind kind, long entityId, Long ticketId, Instant recordedAt) {
}
