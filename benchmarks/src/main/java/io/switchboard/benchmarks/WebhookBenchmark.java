package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Signed webhook → durably stored: Switchboard and the baseline on each database, one after the
 * other, each warmed up and then loaded at every concurrency level by the same load generator.
 */
final class WebhookBenchmark {
    private static final String SECRET = "benchmark-shared-secret-0123456789";
    /** Warm-up runs in rounds of this length, so that the log and the report show the JIT at work. */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(5);
    /**
     * Warm-up ends once the last {@link #STEADY_ROUNDS} rounds brought no round more than {@link #STEADY_GAIN}
     * faster than the best before them, and not before the target's {@link Target#minimumWarmup()}: on two
     * cores Switchboard's JIT compilers work for about two minutes under this load (some 14,000 methods,
     * 60 s of compiler time), improving it in steps with flat stretches of 10–20 s between them.
     */
    static final int STEADY_ROUNDS = 4;
    static final double STEADY_GAIN = 0.05;
    /** A round ends by time; this count only bounds it. */
    private static final int WARMUP_ROUND_REQUESTS = 100_000;

    /** One measured phase. */
    record Measurement(DatabaseKind database, String target, LoadResult result) {
    }

    /** The warm-up of one target, round by round. */
    record Warmup(DatabaseKind database, String target, List<LoadResult> rounds) {
    }

    /** Everything measured. */
    record Results(List<Measurement> measurements, List<Warmup> warmups) {
    }

    private final BenchmarkSettings settings;
    private final Databases databases;
    private final QuietMachine quiet;
    private final String runId;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Warmup> warmups = new ArrayList<>();

    WebhookBenchmark(BenchmarkSettings settings, Databases databases, QuietMachine quiet, String runId) {
        this.settings = settings;
        this.databases = databases;
        this.quiet = quiet;
        this.runId = runId;
    }

    Results run() {
        for (DatabaseKind kind : settings.databases()) {
            try {
                measure(kind, () -> SwitchboardTarget.start(databases.forSwitchboard(kind),
                        SwitchboardChannel.webhookGeneric(SECRET)));
                measure(kind, () -> BaselineServer.start(databases.forBaseline(kind), SECRET));
                if (kind == DatabaseKind.H2) {
                    // One database is enough to price a second connector's parsing and signature beside the first.
                    measure(kind, () -> SwitchboardTarget.start(databases.forSwitchboard(kind),
                            SwitchboardChannel.smsTwilio()));
                }
            } finally {
                databases.dropAll();
            }
        }
        return new Results(Collections.unmodifiableList(measurements), Collections.unmodifiableList(warmups));
    }

    private void measure(DatabaseKind kind, Supplier<Target> starter) {
        try (Target target = starter.get()) {
            String label = kind.name().toLowerCase(Locale.ROOT) + " " + target.name();
            LoadGenerator load = new LoadGenerator(target.endpoint(),
                    runId + "-" + kind.name().toLowerCase(Locale.ROOT) + "-"
                            + target.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            quiet.await();
            List<LoadResult> rounds = warmUp(load, label, target.minimumWarmup());
            warmups.add(new Warmup(kind, target.name(), rounds));
            long messages = rounds.stream().mapToLong(LoadResult::accepted).sum();
            long tickets = rounds.stream().mapToLong(LoadResult::customers).sum();
            for (int senders : settings.senders()) {
                quiet.await();
                LoadResult result = load.run("s" + senders, senders, settings.requests(),
                        Duration.ofSeconds(settings.phaseSeconds()));
                Progress.say(label + ": " + result);
                measurements.add(new Measurement(kind, target.name(), result));
                messages += result.accepted();
                tickets += result.customers();
            }
            Progress.say(label + ", stored as acknowledged: " + target.verifyStored(messages, tickets));
        }
    }

    /** Whether the last rounds set no new best by more than the allowed gain. */
    private static boolean steady(List<LoadResult> rounds) {
        int split = rounds.size() - STEADY_ROUNDS;
        if (split < 1) {
            return false;
        }
        double bestBefore = rounds.subList(0, split).stream().mapToDouble(LoadResult::throughput).max().orElseThrow();
        double bestSince = rounds.subList(split, rounds.size()).stream().mapToDouble(LoadResult::throughput).max().orElseThrow();
        return bestSince < bestBefore * (1 + STEADY_GAIN);
    }

    /**
     * Loads the target with the most senders, round after round, until its rate has stopped growing (the
     * JIT compilers have done their work, see {@link #steady}) or the warm-up time is up, whichever comes first.
     */
    private List<LoadResult> warmUp(LoadGenerator load, String label, Duration minimum) {
        int busiest = settings.senders().stream().mapToInt(Integer::intValue).max().orElseThrow();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(settings.warmupSeconds()).toNanos();
        List<LoadResult> rounds = new ArrayList<>();
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            Duration round = Duration.ofNanos(Math.min(left, WARMUP_ROUND.toNanos()));
            LoadResult result = load.run("w" + rounds.size(), busiest, WARMUP_ROUND_REQUESTS, round);
            Progress.say(label + ", warm-up: " + result);
            rounds.add(result);
            if (System.nanoTime() >= start + minimum.toNanos() && steady(rounds)) {
                break;
            }
        }
        return rounds;
    }
}
