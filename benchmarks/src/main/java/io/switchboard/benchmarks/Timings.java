package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Repeated measurements of one duration, in the order they were taken.
 *
 * @param runs             the measurements
 * @param otherLoadPercent CPU used by anything but the benchmark meanwhile, in percent of the machine
 */
record Timings(List<Duration> runs, double otherLoadPercent) {

    Timings {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No runs");
        }
        runs = List.copyOf(runs);
    }

    /** The middle run, or the mean of the two middle runs for an even count. */
    long medianMillis() {
        List<Long> sorted = runs.stream().map(Duration::toMillis).sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    long maxMillis() {
        return runs.stream().mapToLong(Duration::toMillis).max().orElseThrow();
    }

    /** For example "5210, 4980, 5034". */
    String allMillis() {
        return runs.stream().map(run -> Long.toString(run.toMillis())).collect(Collectors.joining(", "));
    }
}
