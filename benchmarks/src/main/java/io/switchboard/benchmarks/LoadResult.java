package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one phase of load measured.
 *
 * @param senders   concurrent senders
 * @param attempted requests sent
 * @param accepted  requests answered 200 (stored)
 * @param customers customers that had at least one message accepted: the tickets the phase opened
 * @param elapsed   from the first request to the last answer
 * @param cpu       CPU time the processes involved spent meanwhile
 * @param latencies the accepted requests' latencies in nanoseconds, sorted
 * @param errors    the other answers, counted by status or exception
 */
record LoadResult(int senders, int attempted, int accepted, int customers, Duration elapsed, CpuUsage cpu, long[] latencies,
        Map<String, Integer> errors) {

    static LoadResult of(int senders, Duration elapsed, CpuUsage cpu, List<LoadGenerator.SenderOutcome> outcomes) {
        Map<String, Integer> errors = new TreeMap<>();
        outcomes.forEach(outcome -> outcome.errors().forEach((error, count) -> errors.merge(error, count, Integer::sum)));
        long[] latencies = outcomes.stream().flatMapToLong(outcome -> Arrays.stream(outcome.latencies())).sorted().toArray();
        return new LoadResult(senders,
                outcomes.stream().mapToInt(LoadGenerator.SenderOutcome::attempted).sum(),
                outcomes.stream().mapToInt(LoadGenerator.SenderOutcome::accepted).sum(),
                outcomes.stream().mapToInt(LoadGenerator.SenderOutcome::customers).sum(),
                elapsed, cpu, latencies, errors);
    }

    /** Stored messages per second. */
    double throughput() {
        return accepted / (elapsed.toNanos() / 1e9);
    }

    /** The {@code percent}th percentile of the accepted requests' latency in milliseconds (nearest rank). */
    double percentileMillis(double percent) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * latencies.length);
        return latencies[Math.max(rank, 1) - 1] / 1e6;
    }

    /** Milliseconds of CPU per stored message spent by {@code part} of the processes. */
    double cpuPerMessage(Duration part) {
        return CpuUsage.perMessage(part, accepted);
    }

    /** CPU used by anything else during this phase, in percent of what all cores could give. */
    double otherLoadPercent() {
        return cpu.othersPercent(elapsed);
    }

    int failed() {
        return attempted - accepted;
    }

    /** For example "HTTP 503 ×3, HttpTimeoutException ×1", or "none". */
    String errorSummary() {
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d senders: %d/%d stored in %d ms, %.0f msg/s, p50 %.1f ms, p99 %.1f ms,"
                        + " CPU ms/msg %.2f (this JVM %.2f, children %.2f, PostgreSQL %.2f), other load %.0f%%, errors: %s",
                senders, accepted, attempted, elapsed.toMillis(), throughput(), percentileMillis(50),
                percentileMillis(99), cpuPerMessage(cpu.total()), cpuPerMessage(cpu.benchmarkJvm()),
                cpuPerMessage(cpu.children()), cpuPerMessage(cpu.postgres()), otherLoadPercent(), errorSummary());
    }
}
