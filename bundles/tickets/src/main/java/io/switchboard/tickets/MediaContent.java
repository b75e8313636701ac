package io.switchboard.tickets;

/**
 * The stored content of an attachment, read whole.
 *
 * @param fileName the attachment's file name, or null
 * @param contentType the content's media type, or null when nobody said
 */
public record MediaContent(long attachmentId, String fileName, String contentType, byte[] content) {
}
