package io.switchboard.channels;

import java.time.Instant;

/**
 * A call the core asked a voice instance to place for a ticket.
 *
 * @param id the core's id of the call, also given to the connector
 * @param ticketId the ticket it was placed for
 * @param conversationId the ticket's voice conversation the call is logged on
 * @param instance the voice instance that placed it
 * @param purpose CLICK_TO_CALL or CALLBACK
 * @param to the customer's number
 * @param agent who placed it
 * @param state PLACED (the provider took it), FAILED (refused; see detail) or UNKNOWN (the core
 *     stopped or the connector failed while the provider was asked: it may or may not have been placed,
 *     and is never placed again by itself)
 * @param providerCallId the provider's id of the call once PLACED, else null
 * @param detail why it failed or is unknown, else null
 */
public record PlacedCall(String id, long ticketId, long conversationId, String instance, String purpose, String to,
        String agent, String state, String providerCallId, String detail, Instant createdAt, Instant updatedAt) {
}
