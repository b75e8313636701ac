package io.switchboard.tickets;

/**
 * An attachment as the core keeps it: the URL the channel gave, and whether its content was fetched.
 *
 * @param entryId the timeline entry (message) it belongs to
 * @param size bytes, or -1 when unknown; the size of the stored content once stored
 * @param failureReason why it could not be fetched, when {@code status} is FAILED; else null
 */
public record StoredAttachment(long id, long entryId, String url, String contentType, String fileName,
        long size, Status status, String failureReason) {

    /**
     * REFERENCED: only the URL is kept. PENDING: its channel is to fetch it. STORED: its content is
     * kept and can be downloaded. FAILED: it could not be fetched.
     */
    public enum Status { REFERENCED, PENDING, STORED, FAILED }
}
