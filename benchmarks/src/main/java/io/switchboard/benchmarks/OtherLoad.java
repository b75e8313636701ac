package io.switchboard.benchmarks;

import java.time.Duration;

/** CPU used by anything but the benchmark, summed over several timed intervals. */
final class OtherLoad {
    private Duration others = Duration.ZERO;
    private Duration elapsed = Duration.ZERO;

    /** Adds one interval: what the machine spent since {@code before}, over {@code interval}. */
    void add(CpuUsage before, Duration interval) {
        others = others.plus(CpuUsage.since(before).others());
        elapsed = elapsed.plus(interval);
    }

    /** In percent of what all cores could give over the intervals added. */
    double percent() {
        int cores = Runtime.getRuntime().availableProcessors();
        return elapsed.isZero() ? 0 : 100.0 * others.toNanos() / (elapsed.toNanos() * (double) cores);
    }
}
