package io.switchboard.benchmarks;

import java.time.Duration;

/** A webhook receiver under load: Switchboard or the baseline. */
interface Target extends AutoCloseable {

    /** As shown in the report. */
    String name();

    HookEndpoint endpoint();

    Duration DEFAULT_MINIMUM_WARMUP = Duration.ofSeconds(45);

    /** The shortest warm-up that can give its steady rate; it may take longer. */
    default Duration minimumWarmup() {
        return DEFAULT_MINIMUM_WARMUP;
    }

    /**
     * Checks in the target's database that what was acknowledged is stored: {@code messages} events
     * in all, opening {@code tickets} tickets where the target keeps tickets.
     *
     * @return what was checked, for the log
     * @throws IllegalStateException if the database holds something else
     */
    String verifyStored(long messages, long tickets);

    @Override
    void close();
}
