package io.switchboard.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run measures, from {@code -Dbenchmark.*} system properties; an empty or missing value
 * means the default below. The defaults keep a full run within a few minutes on a 2-core machine.
 *
 * @param senders       the concurrency levels: each is a number of senders that post one request after another
 * @param warmupSeconds the longest each target is loaded, with the most senders, before anything is measured
 * @param requests      requests measured per target and concurrency level
 * @param phaseSeconds  upper bound of one measured phase; a phase that reaches it ends early
 * @param databases     the databases the webhook benchmark runs on
 * @param coldStarts    starts measured on an empty home, and as many restarts on existing data
 * @param hotDeploys    times the connector jar is dropped into deploy/ and measured until its channel serves
 * @param scenarios     the benchmarks run, in this order; all of them unless some are named
 * @param voiceRates    the fixed request rates of the voice benchmark, per second, one measured phase each
 * @param voiceSeconds  how long each voice phase is measured
 * @param voiceWarmupSeconds how long the voice target is loaded at its highest rate before anything is measured
 * @param patienceSeconds how long the whole run may wait for other load on the machine to pass
 * @param postgresUrl   JDBC URL of the PostgreSQL server's maintenance database, where fresh databases are created
 * @param postgresUser  PostgreSQL user allowed to create databases
 * @param report        the Markdown file written at the end
 * @param analysis      the hand-written commentary included in the report
 * @param work          scratch space (the baseline's H2 files)
 * @param overrides     the properties that were set, to print with the command
 */
record BenchmarkSettings(List<Integer> senders, int warmupSeconds, int requests, int phaseSeconds,
        List<DatabaseKind> databases, int coldStarts, int hotDeploys, List<Scenario> scenarios, List<Integer> voiceRates,
        int voiceSeconds, int voiceWarmupSeconds, int patienceSeconds, String postgresUrl, String postgresUser,
        Path report, Path analysis, Path work, Map<String, String> overrides) {

    private static final String PREFIX = "benchmark.";

    /** One benchmark of the run, as named in {@code benchmark.scenarios}. */
    enum Scenario {
        WEBHOOK("webhook"), COLD_START("coldStart"), HOT_DEPLOY("hotDeploy"), VOICE("voice");

        final String option;

        Scenario(String option) {
            this.option = option;
        }

        static Scenario named(String name) {
            for (Scenario scenario : values()) {
                if (scenario.option.equalsIgnoreCase(name)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException(PREFIX + "scenarios: unknown benchmark \"" + name + "\"; use "
                    + Arrays.stream(values()).map(s -> s.option).toList());
        }
    }

    static BenchmarkSettings fromSystemProperties() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String name : List.of("senders", "warmupSeconds", "requests", "phaseSeconds", "databases", "coldStarts",
                "hotDeploys", "scenarios", "voiceRates", "voiceSeconds", "voiceWarmupSeconds", "patienceSeconds", "postgresUrl", "postgresUser")) {
            String value = System.getProperty(PREFIX + name, "").trim();
            if (!value.isEmpty()) {
                overrides.put(name, value);
            }
        }
        return new BenchmarkSettings(
                integers("senders", overrides.getOrDefault("senders", "8,32")),
                positive(overrides, "warmupSeconds", 180),
                positive(overrides, "requests", 10000),
                positive(overrides, "phaseSeconds", 60),
                databases(overrides.getOrDefault("databases", "h2,postgresql")),
                positive(overrides, "coldStarts", 5),
                positive(overrides, "hotDeploys", 5),
                scenarios(overrides.getOrDefault("scenarios", "")),
                integers("voiceRates", overrides.getOrDefault("voiceRates", "500,250")),
                positive(overrides, "voiceSeconds", 20),
                positive(overrides, "voiceWarmupSeconds", 150),
                positive(overrides, "patienceSeconds", 300),
                overrides.getOrDefault("postgresUrl", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                overrides.getOrDefault("postgresUser", "postgres"),
                location("report", "../docs/benchmarks.md"),
                location("analysis", "analysis.md"),
                location("work", "target/work"),
                Collections.unmodifiableMap(overrides));
    }

    /** The {@code -D} options of this run that differ from the defaults, as typed on the command line. */
    String commandLineOptions() {
        StringBuilder options = new StringBuilder();
        overrides.forEach((name, value) -> options.append(" -D").append(PREFIX).append(name).append('=').append(value));
        return options.toString();
    }

    private static Path location(String name, String fallback) {
        String value = System.getProperty(PREFIX + name, "").trim();
        return Path.of(value.isEmpty() ? fallback : value).toAbsolutePath().normalize();
    }

    private static int positive(Map<String, String> overrides, String name, int fallback) {
        String value = overrides.get(name);
        int number = value == null ? fallback : Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException(PREFIX + name + " must be at least 1, not " + value);
        }
        return number;
    }

    /** Whether every benchmark runs, so that the report is written whole. */
    boolean complete() {
        return scenarios.size() == Scenario.values().length;
    }

    boolean runs(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    private static List<Integer> integers(String name, String list) {
        List<Integer> numbers = new ArrayList<>();
        for (String item : list.split(",")) {
            int number = Integer.parseInt(item.trim());
            if (number < 1) {
                throw new IllegalArgumentException(PREFIX + name + ": each value must be at least 1");
            }
            numbers.add(number);
        }
        return List.copyOf(numbers);
    }

    /** In the order of a full run, whatever the order named. */
    private static List<Scenario> scenarios(String list) {
        List<Scenario> named = Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(Scenario::named).toList();
        return named.isEmpty() ? List.of(Scenario.values())
                : Arrays.stream(Scenario.values()).filter(named::contains).toList();
    }

    private static List<DatabaseKind> databases(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(DatabaseKind::named).toList();
    }
}
