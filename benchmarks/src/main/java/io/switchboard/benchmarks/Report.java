package io.switchboard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.Jetty;

/** Writes {@code docs/benchmarks.md} from one run's figures, replacing what was there. */
final class Report {
    static final String BUILD = "mvn -B -q install -DskipTests";
    static final String RUN = "mvn -B -q -pl benchmarks exec:exec";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Everything one run produced. */
    record Run(BenchmarkSettings settings, Build build, Machine machine, Map<DatabaseKind, String> databaseVersions,
            Instant started, Duration took, WebhookBenchmark.Results webhook, ColdStartBenchmark.Result coldStart,
            Timings hotDeploy) {
    }

    /** Above this share of the machine used by others, a figure says more about them than about Switchboard. */
    private static final double DISTURBED_PERCENT = 2 * QuietMachine.QUIET_PERCENT;

    private final Run run;
    private final StringBuilder out = new StringBuilder();

    private Report(Run run) {
        this.run = run;
    }

    static void write(Run run, Path file, String analysis) {
        String text = new Report(run).render(analysis);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private String render(String analysis) {
        BenchmarkSettings settings = run.settings();
        line("# Benchmarks");
        line();
        line("<!-- Written by the benchmarks module (benchmarks/) at the end of each run: run it again rather than");
        line("     editing this file. The last section comes from benchmarks/analysis.md. -->");
        line();
        line("Measured on " + DATE.format(run.started()) + "; the whole run took " + minutes(run.took()) + ".");
        line();
        line("## How to run");
        line();
        line("From the repository root, build everything and then run all benchmarks; this file is rewritten:");
        line();
        line("```sh");
        line(BUILD + " && " + RUN + settings.commandLineOptions());
        line("```");
        line();
        line("Fewer or more requests, other concurrency levels or only one database: see `benchmarks/README.md`.");
        line();
        machine();
        webhook();
        coldStart();
        hotDeploy();
        line("## What stands in the way");
        line();
        out.append(analysis.strip()).append('\n');
        return out.toString();
    }

    private void machine() {
        Machine machine = run.machine();
        line("## Machine and build");
        line();
        line("| | |");
        line("|---|---|");
        line("| CPU | " + machine.cpu() + ", " + machine.cores() + " cores |");
        line("| Memory | " + machine.memory() + " |");
        line("| OS | " + machine.os() + " |");
        line("| Java | " + machine.java() + " |");
        line("| Switchboard | source `" + run.build().commit() + "`, distribution's store bundle " + run.build().bundleVersion()
                + " (the qualifier is its build time) |");
        line("| Databases | " + run.databaseVersions().entrySet().stream()
                .map(e -> e.getValue() + (e.getKey() == DatabaseKind.POSTGRESQL ? " (local server, its default settings)" : ""))
                .collect(Collectors.joining("; ")) + " |");
        line();
        line("Everything ran on this one machine: Switchboard in its own JVM with the distribution's default");
        line("settings; the load generator, and the baseline when it was measured, in a second JVM (`-Xmx1g`);");
        line("PostgreSQL. The targets were measured one after another, each once the machine was quiet; the CPU that");
        line("other processes still used is given with each table.");
        line();
    }

    private void webhook() {
        BenchmarkSettings settings = run.settings();
        line("## Signed webhook → durably stored");
        line();
        line("Each request is a customer message to the generic webhook channel (`POST /hooks/{instance}/messages`,");
        line("compact JSON, HMAC-SHA256 signature), answered 200 only once it is durably stored. The load generator");
        line("(`java.net.http.HttpClient`, HTTP/1.1 keep-alive, 127.0.0.1 only) runs a fixed number of senders, each");
        line("posting one request and waiting for its answer before the next; every message has a new event id, and");
        line("each sender writes as a series of customers, " + LoadGenerator.MESSAGES_PER_CUSTOMER
                + " messages each, so 1 message in " + LoadGenerator.MESSAGES_PER_CUSTOMER + " opens a new ticket");
        line("and the rest are threaded into it.");
        line();
        line("Each target is first warmed up with " + maxSenders() + " senders in rounds of 5 s: at least "
                + WebhookBenchmark.MIN_WARMUP_ROUNDS + " rounds, then until its rate stops growing");
        line("(" + WebhookBenchmark.STEADY_ROUNDS + " rounds in a row each less than "
                + Math.round(WebhookBenchmark.STEADY_GAIN * 100) + "% faster than the one before), for at most "
                + settings.warmupSeconds() + " s. Then " + settings.requests() + " requests are measured at"
                + " each concurrency level");
        line("(a phase would be cut off after " + settings.phaseSeconds() + " s). Latency is from sending the request"
                + " to receiving the whole answer.");
        line();
        line("- **Switchboard**: the distribution on a fresh home, one `webhook-generic` instance created over REST.");
        line("  Per message it checks the signature, parses the event, and in one transaction records the event id,");
        line("  finds or creates the customer and identity, finds the open conversation or opens a ticket, and");
        line("  appends the message to the timeline.");
        line("- **Baseline**: a bare Jetty " + Jetty.VERSION + " handler in the load generator's JVM"
                + " that checks the same signature, parses");
        line("  the JSON with Jackson and commits one insert into a table with a unique (instance, event id) key, through");
        line("  a HikariCP pool of " + BaselineServer.POOL_SIZE + " connections (the store's pool size). Same durability:"
                + " on H2 the store's own JDBC URL");
        line("  options (taken from the store bundle), on PostgreSQL the default synchronous commit.");
        line();
        line("After each target the run checks that what was acknowledged is stored: every event (and, for");
        line("Switchboard, one ticket per customer).");
        line();
        for (DatabaseKind kind : settings.databases()) {
            line("### " + kind.title());
            line();
            line("| senders | Switchboard msg/s | p50 ms | p99 ms | baseline msg/s | p50 ms | p99 ms | Switchboard / baseline |");
            line("|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int senders : settings.senders()) {
                Optional<LoadResult> switchboard = find(kind, SwitchboardChannel.WEBHOOK_TARGET, senders);
                Optional<LoadResult> baseline = find(kind, "baseline", senders);
                line("| " + senders + " | " + cells(switchboard) + " | " + cells(baseline) + " | "
                        + ratio(switchboard, baseline) + " |");
            }
            line();
            line(failures(kind) + " " + otherLoad(run.webhook().measurements().stream().filter(m -> m.database() == kind)
                    .mapToDouble(m -> m.result().otherLoadPercent()).max().orElse(0), "in the busiest measured phase"));
            line();
            smsTwilio(kind);
            cpu(kind);
            warmup(kind);
        }
    }

    /** The second connector, beside the same baseline: what a provider's own format and signature cost. */
    private void smsTwilio(DatabaseKind kind) {
        if (run.webhook().measurements().stream().noneMatch(m -> m.database() == kind
                && m.target().equals(SwitchboardChannel.SMS_TARGET))) {
            return;
        }
        line("#### Signed Twilio SMS webhook → stored");
        line();
        line("The same load through the `sms-twilio` connector, in the same run, on " + kind.title() + " only: a");
        line("second Switchboard on a fresh home with the connector jar dropped into `deploy/` and one instance created");
        line("over REST. Each request is an incoming SMS as Twilio posts it to `POST /hooks/{instance}/sms`: a form body");
        line("(`From`, `To`, `Body`, `MessageSid`, `NumMedia=0`, `AccountSid`) with `X-Twilio-Signature`, the HMAC-SHA1 of");
        line("the public URL and the sorted parameters. Each customer is a phone number of its own, and again 1 message in "
                + LoadGenerator.MESSAGES_PER_CUSTOMER);
        line("opens a ticket. The instance's Twilio API address points at a closed port: its sender check fails and its");
        line("health is offline, which does not stop its hooks; nothing here needs Twilio. The bar is the baseline above,");
        line("unchanged: it checks the generic channel's HMAC-SHA256 over a JSON body, not Twilio's signature.");
        line();
        line("| senders | sms-twilio msg/s | p50 ms | p99 ms | baseline msg/s | p50 ms | p99 ms | sms-twilio / baseline |"
                + " sms-twilio / webhook-generic |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int senders : run.settings().senders()) {
            Optional<LoadResult> sms = find(kind, SwitchboardChannel.SMS_TARGET, senders);
            Optional<LoadResult> baseline = find(kind, "baseline", senders);
            line("| " + senders + " | " + cells(sms) + " | " + cells(baseline) + " | " + ratio(sms, baseline) + " | "
                    + ratio(sms, find(kind, SwitchboardChannel.WEBHOOK_TARGET, senders)) + " |");
        }
        line();
    }

    /** How the rate grew while the JIT compilers worked: it tells how much warm-up the figures needed. */
    private void warmup(DatabaseKind kind) {
        line("Warm-up, stored messages per second in each round of up to 5 s with " + maxSenders() + " senders:");
        line();
        line("| target | rounds |");
        line("|---|---|");
        run.webhook().warmups().stream().filter(w -> w.database() == kind).forEach(w -> line("| " + w.target() + " | "
                + w.rounds().stream().map(r -> String.format(Locale.ROOT, "%.0f", r.throughput()))
                        .collect(Collectors.joining(", ")) + " |"));
        line();
    }

    /** Where the CPU went: with few cores, CPU per message is what bounds throughput. */
    private void cpu(DatabaseKind kind) {
        boolean postgres = kind == DatabaseKind.POSTGRESQL;
        line("CPU time per stored message, in ms, of each process taking part (the benchmark JVM runs the load"
                + " generator, and the baseline too when that is measured):");
        line();
        line("| senders | target | Switchboard JVM | benchmark JVM |" + (postgres ? " PostgreSQL |" : "") + " total |");
        line("|---:|---|---:|---:|" + (postgres ? "---:|" : "") + "---:|");
        for (int senders : run.settings().senders()) {
            for (String target : List.of(SwitchboardChannel.WEBHOOK_TARGET, SwitchboardChannel.SMS_TARGET, "baseline")) {
                find(kind, target, senders).ifPresent(r -> line("| " + senders + " | " + target + " | "
                        + (target.equals("baseline") ? "–" : millis(r.cpuPerMessage(r.cpu().children()))) + " | "
                        + millis(r.cpuPerMessage(r.cpu().benchmarkJvm())) + " | "
                        + (postgres ? millis(r.cpuPerMessage(r.cpu().postgres())) + " | " : "")
                        + millis(r.cpuPerMessage(r.cpu().total())) + " |"));
            }
        }
        line();
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private void coldStart() {
        ColdStartBenchmark.Result cold = run.coldStart();
        line("## Cold start");
        line();
        line("Launch of `java -jar switchboard.jar` → `GET /health` answers 200 (store, tickets and channel runtime");
        line("up), on H2, with the distribution as shipped (the webhook connector in `deploy/`). Polled every 25 ms.");
        line();
        line("| start | runs | median ms | max ms | every run, ms |");
        line("|---|---:|---:|---:|---|");
        timingRow("first start on an empty home (database created and migrated)", cold.firstStart());
        timingRow("restart over the data of the first start", cold.restart());
        line();
        line(otherLoad(cold.firstStart().otherLoadPercent(), "during the timed starts"));
        line();
    }

    private void hotDeploy() {
        line("## Hot deploy");
        line();
        line("A running Switchboard has a `webhook-generic` instance configured by a file in `deploy/` but no connector,");
        line("so its hook answers 503. The connector jar is moved into `deploy/` atomically; the time is until the");
        line("hook answers 200 to a signed message (polled every 5 ms). Between runs the jar is removed again.");
        line();
        line("| | runs | median ms | max ms | every run, ms |");
        line("|---|---:|---:|---:|---|");
        timingRow("connector jar dropped → channel serving", run.hotDeploy());
        line();
        line(otherLoad(run.hotDeploy().otherLoadPercent(), "during the timed drops"));
        line();
    }

    private void timingRow(String what, Timings timings) {
        line("| " + what + " | " + timings.runs().size() + " | " + timings.medianMillis() + " | " + timings.maxMillis()
                + " | " + timings.allMillis() + " |");
    }

    /**
     * How much CPU went to anything but the benchmark (other processes, the hypervisor's other guests), so
     * that a reader can tell a quiet run from a disturbed one.
     */
    private static String otherLoad(double percent, String when) {
        String figure = String.format(Locale.ROOT, "CPU used by anything else on the machine %s: %.0f%% of its capacity.",
                when, percent);
        return percent > DISTURBED_PERCENT ? figure + " **These figures are disturbed: run again on a quiet machine.**"
                : figure;
    }

    private Optional<LoadResult> find(DatabaseKind kind, String target, int senders) {
        return run.webhook().measurements().stream()
                .filter(m -> m.database() == kind && m.target().equals(target) && m.result().senders() == senders)
                .map(WebhookBenchmark.Measurement::result).findFirst();
    }

    private static String cells(Optional<LoadResult> result) {
        return result.map(r -> String.format(Locale.ROOT, "%.0f | %.1f | %.1f", r.throughput(), r.percentileMillis(50),
                r.percentileMillis(99))).orElse("– | – | –");
    }

    private static String ratio(Optional<LoadResult> switchboard, Optional<LoadResult> baseline) {
        if (switchboard.isEmpty() || baseline.isEmpty() || baseline.get().throughput() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "**%.2f×**", switchboard.get().throughput() / baseline.get().throughput());
    }

    private String failures(DatabaseKind kind) {
        List<WebhookBenchmark.Measurement> failed = run.webhook().measurements().stream()
                .filter(m -> m.database() == kind && (m.result().failed() > 0 || m.result().attempted() < run.settings().requests()))
                .toList();
        if (failed.isEmpty()) {
            return "Every measured request was answered 200.";
        }
        return failed.stream().map(m -> m.target() + " with " + m.result().senders() + " senders: "
                        + m.result().accepted() + " of " + m.result().attempted() + " requests stored (others: "
                        + m.result().errorSummary() + ")")
                .collect(Collectors.joining("; ", "Not all requests were stored: ", "."));
    }

    private int maxSenders() {
        return run.settings().senders().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
