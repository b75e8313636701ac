package io.switchboard.benchmarks;

import io.switchboard.it.SwitchboardProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Launch → {@code GET /health} answering 200 (store, ticket service and channel runtime up), on the
 * distribution as shipped: first on an empty home (the database is created and migrated), then a
 * restart of the same home over its existing data. Both are timed from the moment the JVM is launched;
 * the harness polls every 25 ms.
 */
final class ColdStartBenchmark {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    /** The two kinds of start. */
    record Result(Timings firstStart, Timings restart) {
    }

    private ColdStartBenchmark() {
    }

    static Result run(int runs, QuietMachine quiet) {
        List<Duration> firstStarts = new ArrayList<>();
        List<Duration> restarts = new ArrayList<>();
        OtherLoad otherLoad = new OtherLoad();
        for (int run = 1; run <= runs; run++) {
            quiet.await();
            Path home = SwitchboardProcess.newHome();
            try {
                CpuUsage cpu = CpuUsage.now();
                long launched = System.nanoTime();
                try (SwitchboardProcess switchboard = SwitchboardProcess.builder().home(home).start()) {
                    switchboard.awaitHttp("/health", 200, START_LIMIT);
                    firstStarts.add(Duration.ofNanos(System.nanoTime() - launched));
                    otherLoad.add(cpu, firstStarts.get(run - 1));
                    int exitCode = switchboard.stop();
                    if (exitCode != 0) {
                        throw new IllegalStateException("Switchboard exited with " + exitCode + " on a clean stop; see "
                                + switchboard.logFile());
                    }
                    quiet.await();
                    cpu = CpuUsage.now();
                    long relaunched = System.nanoTime();
                    switchboard.restart();
                    switchboard.awaitHttp("/health", 200, START_LIMIT);
                    restarts.add(Duration.ofNanos(System.nanoTime() - relaunched));
                    otherLoad.add(cpu, restarts.get(run - 1));
                }
            } finally {
                Directories.delete(home);
            }
            Progress.say("cold start " + run + "/" + runs + ": first start " + firstStarts.get(run - 1).toMillis()
                    + " ms, restart " + restarts.get(run - 1).toMillis() + " ms");
        }
        return new Result(new Timings(firstStarts, otherLoad.percent()), new Timings(restarts, otherLoad.percent()));
    }
}
