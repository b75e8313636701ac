package io.switchboard.api.model;

/** A file on a message, referenced by URL. Size is -1 when unknown. */
public record Attachment(String url, String contentType, String fileName, long size) {
    public Attachment {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a URL");
        }
    }

    public static Attachment of(String url) {
        return new Attachment(url, null, null, -1);
    }
}
