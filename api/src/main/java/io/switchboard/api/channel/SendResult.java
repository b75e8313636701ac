package io.switchboard.api.channel;

import java.time.Duration;

/** How a send ended. Always returned, never thrown. */
public sealed interface SendResult {

    /** The provider took the message; its id lets later delivery updates find it. */
    record Sent(String providerMessageId) implements SendResult {
    }

    /**
     * A failure worth retrying (rate limit, 5xx, timeout). The core retries with back-off, or after
     * {@code after} when the provider said how long to wait (null otherwise).
     */
    record Retry(String reason, Duration after) implements SendResult {
    }

    /** A failure that will not go away by retrying (recipient opted out, invalid number). */
    record Failed(String reason) implements SendResult {
    }

    static SendResult sent(String providerMessageId) {
        return new Sent(providerMessageId);
    }

    static SendResult retry(String reason) {
        return new Retry(reason, null);
    }

    static SendResult failed(String reason) {
        return new Failed(reason);
    }
}
