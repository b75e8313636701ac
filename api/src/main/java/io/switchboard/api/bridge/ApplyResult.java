package io.switchboard.api.bridge;

import java.time.Duration;

/** How applying a change ended. Always returned, never thrown. */
public sealed interface ApplyResult {

    /** Done, or nothing to do; the cursor moves on. */
    record Applied() implements ApplyResult {
    }

    /**
     * Not done, worth trying again (the product is down, slow or overloaded). The core offers the same
     * change again after {@code after}, or with its own back-off when null; later changes wait, so the
     * product sees them in order.
     */
    record Retry(String reason, Duration after) implements ApplyResult {
    }

    /**
     * Cannot be done, ever (the product refuses the data). The core logs it, records it with the
     * instance's health and moves on, so one bad change does not stop the stream.
     */
    record Failed(String reason) implements ApplyResult {
    }

    static ApplyResult applied() {
        return new Applied();
    }

    static ApplyResult retry(String reason) {
        return new Retry(reason, null);
    }

    static ApplyResult failed(String reason) {
        return new Failed(reason);
    }
}
