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
import java.util.ArrayList;
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
    static final String VOICE_SECTION = "## Voice: IVR webhook → TwiML";
    private static final String LAST_SECTION = "## What stands in the way";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Everything one run produced. */
    record Run(BenchmarkSettings settings, Build build, Machine machine, Map<DatabaseKind, String> databaseVersions,
            Instant started, Duration took, WebhookBenchmark.Results webhook, ColdStartBenchmark.Result coldStart,
            Timings hotDeploy, VoiceBenchmark.Results voice) {
    }

    /** Above this share of the machine used by others, a figure says more about them than about Switchboard. */
    private static final double DISTURBED_PERCENT = 2 * QuietMachine.QUIET_PERCENT;

    private final Run run;
    private final StringBuilder out = new StringBuilder();

    private Report(Run run) {
        this.run = run;
    }

    /**
     * A full run replaces the file. A run of some benchmarks only ({@code benchmark.scenarios}) replaces
     * their sections in the existing file and leaves the others as they were; each section it writes then
     * says when, how and on what it was measured.
     */
    static void write(Run run, Path file, String analysis) {
        Report report = new Report(run);
        String text;
        try {
            text = run.settings().complete() || !Files.exists(file) ? report.render(analysis)
                    : report.merge(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
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
        if (run.webhook() != null) {
            webhook();
        }
        if (run.coldStart() != null) {
            coldStart();
        }
        if (run.hotDeploy() != null) {
            hotDeploy();
        }
        if (run.voice() != null) {
            voice();
        }
        line(LAST_SECTION);
        line();
        out.append(analysis.strip()).append('\n');
        return out.toString();
    }

    /** The sections of this run put into {@code existing} in place of their earlier versions. */
    private String merge(String existing) {
        List<String> sections = new ArrayList<>();
        if (run.webhook() != null) {
            sections.add(section(this::webhook));
        }
        if (run.coldStart() != null) {
            sections.add(section(this::coldStart));
        }
        if (run.hotDeploy() != null) {
            sections.add(section(this::hotDeploy));
        }
        if (run.voice() != null) {
            sections.add(section(this::voice));
        }
        String merged = existing;
        for (String section : sections) {
            String heading = "\n" + section.substring(0, section.indexOf('\n') + 1);
            int at = merged.indexOf(heading);
            if (at >= 0) {
                int end = merged.indexOf("\n## ", at + heading.length() - 1);
                merged = merged.substring(0, at + 1) + section + (end < 0 ? "" : merged.substring(end + 1));
            } else {
                int last = merged.indexOf("\n" + LAST_SECTION + "\n");
                merged = last < 0 ? merged + "\n" + section
                        : merged.substring(0, last + 1) + section + merged.substring(last + 1);
            }
        }
        return merged;
    }

    /** What {@code writer} writes, taken back out of the report. */
    private String section(Runnable writer) {
        int from = out.length();
        writer.run();
        String text = out.substring(from);
        out.setLength(from);
        return text;
    }

    /**
     * When, with what command and on what machine a section was measured: said in every section of a
     * partial run, since the file's header then belongs to an earlier run, and always for voice.
     */
    private void stamp(boolean always) {
        if (!always && run.settings().complete()) {
            return;
        }
        Machine machine = run.machine();
        line("Measured on " + DATE.format(run.started()) + " on " + machine.cpu() + ", " + machine.cores() + " cores, "
                + machine.memory() + ", " + machine.java() + ", Switchboard `" + run.build().commit() + "`, with:");
        line();
        line("```sh");
        line(run.settings().complete() ? BUILD + " && " + RUN + run.settings().commandLineOptions()
                : RUN + run.settings().commandLineOptions());
        line("```");
        line();
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
        stamp(false);
        line("Each request is a customer message to the generic webhook channel (`POST /hooks/{instance}/messages`,");
        line("compact JSON, HMAC-SHA256 signature), answered 200 only once it is durably stored. The load generator");
        line("(`java.net.http.HttpClient`, HTTP/1.1 keep-alive, 127.0.0.1 only) runs a fixed number of senders, each");
        line("posting one request and waiting for its answer before the next; every message has a new event id, and");
        line("each sender writes as a series of customers, " + LoadGenerator.MESSAGES_PER_CUSTOMER
                + " messages each, so 1 message in " + LoadGenerator.MESSAGES_PER_CUSTOMER + " opens a new ticket");
        line("and the rest are threaded into it.");
        line();
        line("Each target is first warmed up with " + maxSenders() + " senders in rounds of 5 s: at least "
                + SwitchboardTarget.MINIMUM_WARMUP.toSeconds() + " s for Switchboard (its JIT compilation takes about"
                + " that long) and " + Target.DEFAULT_MINIMUM_WARMUP.toSeconds() + " s for the baseline, then until its"
                + " rate stops growing");
        line("(none of the last " + WebhookBenchmark.STEADY_ROUNDS + " rounds more than "
                + Math.round(WebhookBenchmark.STEADY_GAIN * 100) + "% faster than the best round before them), for at most "
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
        stamp(false);
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
        stamp(false);
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

    private void voice() {
        VoiceBenchmark.Results voice = run.voice();
        line(VOICE_SECTION);
        line();
        stamp(true);
        line("A Switchboard on a fresh home (H2) with the `voice-twilio` connector jar dropped into `deploy/` and one");
        line("instance created over REST, whose IVR has a greeting and two menu levels: the main menu (1 billing,");
        line("2 technical support, 9 voicemail, 0 a message) and a sub-menu for each (a queue, a message and hang-up,");
        line("a voicemail, star for the main menu). Each call is " + FixedRateLoad.STEPS + " signed Twilio voice"
                + " webhooks, " + FixedRateLoad.THINK.toMillis() + " ms apart, as Twilio posts them: the incoming call");
        line("(`POST /hooks/{instance}/voice`: greeting and main menu), the main menu's digit and the sub-menu's digit,");
        line("each posted to the `<Gather>` action URL of the previous answer (`…/voice/menu?node=…`) with");
        line("`X-Twilio-Signature` over that URL and the form. The sub-menu's digit is, call after call, a queue");
        line("(`<Enqueue>`), a message (`<Say>`, `<Hangup>`), a voicemail (`<Record>`) or a key that is not an option");
        line("(the sub-menu again). Every caller is a number of its own, so every call opens a ticket; the incoming");
        line("call and each choice are stored on it before the answer goes out. The instance's Twilio API address is");
        line("a closed port: its number check at start fails and its health is offline, which does not stop its");
        line("hooks; these webhooks make no outbound call.");
        line();
        line("The load is open-loop: requests are due at a fixed rate, one every 1/rate s, and go out when due");
        line("whatever the answers (a digit whose previous answer is late goes out when that answer arrives);");
        line("latency is from when a request was due to its whole answer, so a stall counts for every request");
        line("that waited behind it. Every answer must be 200 with `application/xml` TwiML of the expected shape:");
        line("a `<Gather>` for the expected menu, or the queue, message or voicemail chosen; anything else counts");
        line("as an error. The target is first warmed up for " + run.settings().voiceWarmupSeconds() + " s, its rate rising in "
                + VoiceBenchmark.WARMUP_STEPS + " equal steps to " + voice.lastWarmup().rate() + " req/s; each rate then runs "
                + VoiceBenchmark.LEAD_IN.toSeconds() + " s unmeasured, so the");
        line("calls are under way, and is measured for " + run.settings().voiceSeconds() + " s.");
        line();
        line("| rate asked, req/s | achieved, req/s | requests | p50 ms | p99 ms | max ms | errors | Switchboard CPU ms/request | other load |");
        line("|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        for (FixedRateResult r : voice.measurements()) {
            line(String.format(Locale.ROOT, "| %d | %.0f | %d | %.1f | %.1f | %.1f | %s | %.2f | %.0f%% |", r.rate(),
                    r.achievedRate(), r.measured(), r.percentileMillis(50), r.percentileMillis(99), r.maxMillis(),
                    r.failed() == 0 ? "0" : r.failed() + ": " + FixedRateResult.summary(r.errors()),
                    r.switchboardCpuPerRequest(), r.otherLoadPercent()));
        }
        line();
        voice.measurements().stream().filter(r -> r.rate() == 500).findFirst().ifPresent(r -> line(String.format(
                Locale.ROOT, "The aim is a p99 under 20 ms at 500 req/s: %s (p99 %.1f ms).",
                r.percentileMillis(99) < 20 ? "met" : "**not met**", r.percentileMillis(99))));
        boolean clean = voice.measurements().stream().allMatch(r -> r.failed() == 0 && r.leadInErrors().isEmpty())
                && voice.warmups().stream().allMatch(r -> r.failed() == 0 && r.leadInErrors().isEmpty());
        line((clean ? "Every answer, warm-up and lead-ins included, was 200 with the expected TwiML."
                : "Not every answer was 200 with the expected TwiML: " + voice.measurements().stream()
                        .map(r -> r.rate() + " req/s: " + FixedRateResult.summary(r.errors()) + ", lead-in "
                                + FixedRateResult.summary(r.leadInErrors()))
                        .collect(Collectors.joining("; ")) + "; warm-up " + voice.warmups().stream()
                                .map(r -> r.rate() + " req/s: " + FixedRateResult.summary(r.errors()))
                                .collect(Collectors.joining(", ")) + ".")
                + " Stored as acknowledged: " + voice.stored() + ".");
        line();
        line(String.format(Locale.ROOT, "Last warm-up step: %.0f req/s achieved, p50 %.1f ms, p99 %.1f ms, max %.1f ms. The"
                        + " generator sent each request at most %.1f ms after it was due (included in the latencies);"
                        + " digits due before the answer they follow: %s.",
                voice.lastWarmup().achievedRate(), voice.lastWarmup().percentileMillis(50),
                voice.lastWarmup().percentileMillis(99), voice.lastWarmup().maxMillis(), voice.measurements().stream().mapToDouble(r -> r.maxSendDelay().toNanos() / 1e6)
                        .max().orElse(0), voice.measurements().stream().map(r -> r.rate() + " req/s " + r.lateSends())
                        .collect(Collectors.joining(", "))));
        line();
        line(otherLoad(voice.measurements().stream().mapToDouble(FixedRateResult::otherLoadPercent).max().orElse(0),
                "in the busiest measured phase"));
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
