package io.switchboard.benchmarks;

import io.switchboard.it.SwitchboardProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs every benchmark against the assembled distribution and writes {@code docs/benchmarks.md}.
 * Started by {@code mvn -B -q -pl benchmarks exec:exec}; see the module's README.
 */
public final class Benchmarks {
    /** How long a run may wait in all for other load on the machine to pass. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private Benchmarks() {
    }

    public static void main(String[] args) {
        try {
            run(BenchmarkSettings.fromSystemProperties());
        } catch (RuntimeException | Error e) {
            System.err.println("The benchmark run failed; no report was written.");
            e.printStackTrace();
            System.exit(1);
        }
        // The JDK's HTTP client and Jetty leave idle threads behind; nothing is left to wait for.
        System.exit(0);
    }

    private static void run(BenchmarkSettings settings) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        String runId = Long.toString(started.getEpochSecond(), 36);
        Databases databases = new Databases(settings, SwitchboardProcess.distribution(), runId);
        Map<DatabaseKind, String> versions = new EnumMap<>(DatabaseKind.class);
        settings.databases().forEach(kind -> versions.put(kind, databases.describe(kind)));
        String analysis = readAnalysis(settings);
        Build build = Build.of(SwitchboardProcess.distribution());
        Progress.say("Benchmarking " + SwitchboardProcess.distribution() + " (" + build + ") on " + versions.values());

        QuietMachine quiet = new QuietMachine(PATIENCE);
        WebhookBenchmark.Results webhook = new WebhookBenchmark(settings, databases, quiet, runId).run();
        ColdStartBenchmark.Result coldStart = ColdStartBenchmark.run(settings.coldStarts(), quiet);
        Timings hotDeploy = HotDeployBenchmark.run(settings.hotDeploys(), quiet);

        Report.Run run = new Report.Run(settings, build, Machine.describe(), versions, started,
                Duration.ofNanos(System.nanoTime() - start), webhook, coldStart, hotDeploy);
        Report.write(run, settings.report(), analysis);
        Progress.say("Wrote " + settings.report());
    }

    /** Read first, so that a missing file fails the run before minutes of measuring rather than after. */
    private static String readAnalysis(BenchmarkSettings settings) {
        try {
            return Files.readString(settings.analysis());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the commentary " + settings.analysis(), e);
        }
    }
}
