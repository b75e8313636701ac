package io.switchboard.benchmarks;

/**
 * Makes the signed requests of one channel's customer-message webhook. One instance per sending thread,
 * since signing keeps a {@link javax.crypto.Mac}, which is not thread-safe.
 */
interface WebhookMessages {

    /**
     * A signed request carrying one customer message.
     *
     * @param eventId  new for every message
     * @param senderId the same for every message of one customer, and never reused for another
     */
    Signed message(String eventId, String senderId, String text);

    /** A request body, its content type, and the signature header that goes with it. */
    record Signed(byte[] body, String contentType, String signatureHeader, String signature) {
    }
}
