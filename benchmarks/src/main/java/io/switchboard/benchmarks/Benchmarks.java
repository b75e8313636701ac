package io.switchboard.benchmarks;

import io.switchboard.benchmarks.BenchmarkSettings.Scenario;
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
        if (settings.runs(Scenario.WEBHOOK)) {
            settings.databases().forEach(kind -> versions.put(kind, databases.describe(kind)));
        }
        if (settings.runs(Scenario.COLD_START) || settings.runs(Scenario.HOT_DEPLOY) || settings.runs(Scenario.VOICE)) {
            versions.computeIfAbsent(DatabaseKind.H2, databases::describe);
        }
        String analysis = readAnalysis(settings);
        Build build = Build.of(SwitchboardProcess.distribution());
        Progress.say("Benchmarking " + SwitchboardProcess.distribution() + " (" + build + ") on " + versions.values()
                + (settings.complete() ? "" : ", only " + settings.scenarios()));

        QuietMachine quiet = new QuietMachine(Duration.ofSeconds(settings.patienceSeconds()));
        WebhookBenchmark.Results webhook = settings.runs(Scenario.WEBHOOK)
                ? new WebhookBenchmark(settings, databases, quiet, runId).run() : null;
        ColdStartBenchmark.Result coldStart = settings.runs(Scenario.COLD_START)
                ? ColdStartBenchmark.run(settings.coldStarts(), quiet) : null;
        Timings hotDeploy = settings.runs(Scenario.HOT_DEPLOY) ? HotDeployBenchmark.run(settings.hotDeploys(), quiet) : null;
        VoiceBenchmark.Results voice = settings.runs(Scenario.VOICE)
                ? VoiceBenchmark.run(settings, databases, quiet, runId) : null;

        Report.Run run = new Report.Run(settings, build, Machine.describe(), versions, started,
                Duration.ofNanos(System.nanoTime() - start), webhook, coldStart, hotDeploy, voice);
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
