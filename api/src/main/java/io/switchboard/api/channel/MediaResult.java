package io.switchboard.api.channel;

import java.util.Objects;

/**
 * How {@link ChannelInstance#fetchMedia} ended. Always returned, never thrown.
 *
 * @since 1.2
 */
public sealed interface MediaResult {

    /**
     * The content, read whole. The core stores it (identical content once) and serves it to agents
     * with {@code contentType}, or with the type the message announced when this is null.
     */
    record Fetched(byte[] content, String contentType) implements MediaResult {
        public Fetched {
            Objects.requireNonNull(content, "content");
            contentType = contentType == null || contentType.isBlank() ? null : contentType.strip();
        }
    }

    /**
     * A failure worth trying again (rate limit, 5xx, timeout, the provider not reachable). The core
     * offers the attachment again with back-off and gives up after a number of attempts, recording
     * the last detail.
     */
    record Retry(String detail) implements MediaResult {
        public Retry {
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * A failure that will not go away by retrying (the media was deleted, the content is larger than
     * {@link ChannelContext#mediaSizeLimit()}). The detail is shown to agents on the attachment.
     */
    record Failed(String detail) implements MediaResult {
        public Failed {
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * Nothing to fetch: the URL is public, or this connector does not store media. The attachment
     * stays a reference to its URL.
     */
    record KeepReference() implements MediaResult {
    }

    static MediaResult fetched(byte[] content, String contentType) {
        return new Fetched(content, contentType);
    }

    static MediaResult retry(String detail) {
        return new Retry(detail);
    }

    static MediaResult failed(String detail) {
        return new Failed(detail);
    }

    static MediaResult keepReference() {
        return new KeepReference();
    }
}
