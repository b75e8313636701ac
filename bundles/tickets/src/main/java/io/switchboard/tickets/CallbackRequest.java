package io.switchboard.tickets;

import java.time.Instant;

/**
 * A caller who chose, while waiting in a queue, to be called back.
 *
 * @param id the request's id
 * @param instance the voice instance they called
 * @param callId the provider's id of the call in which they asked
 * @param ticketId the ticket of that call, which the callback joins
 * @param to the number to call back, in E.164
 * @param queue the queue they waited in, or null
 * @param queuedAt when they entered the queue: their place
 * @param state WAITING, CALLING (accepted, being placed), CALLED, or UNKNOWN (may or may not have been
 *     placed; not placed again by itself)
 * @param agent who accepted it, or null
 * @param outboundCall the placed call's id, or null
 * @param detail why it went back to waiting or is unknown, or null
 */
public record CallbackRequest(long id, String instance, String callId, long ticketId, String to, String queue,
        Instant queuedAt, String state, String agent, String outboundCall, String detail) {
}
