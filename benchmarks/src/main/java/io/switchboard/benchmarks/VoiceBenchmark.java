package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IVR webhook → TwiML: a Switchboard on H2 with the {@code voice-twilio} connector and one instance with a
 * greeting and two menu levels, driven by signed Twilio voice webhooks at fixed request rates
 * ({@link FixedRateLoad}). Every answer must be 200 with the TwiML the IVR calls for, and afterwards every
 * acknowledged call must be on a ticket and every acknowledged report stored.
 */
final class VoiceBenchmark {
    /** The lead-in of every measured phase: the calls begin, so that the mix holds their digits too. */
    static final Duration LEAD_IN = FixedRateLoad.THINK.multipliedBy(FixedRateLoad.STEPS);
    /**
     * The warm-up rises to the highest rate in this many equal steps: a JVM that has just started answers far
     * slower than a warm one, and at the full rate at once its queue grows until requests time out.
     */
    static final int WARMUP_STEPS = 5;

    /**
     * @param warmups      the warm-up, one phase per step up to the highest rate, not measured
     * @param measurements one per rate, in the order run
     * @param stored       what the check of the store found
     */
    record Results(List<FixedRateResult> warmups, List<FixedRateResult> measurements, String stored) {
        FixedRateResult lastWarmup() {
            return warmups.get(warmups.size() - 1);
        }
    }

    private VoiceBenchmark() {
    }

    static Results run(BenchmarkSettings settings, Databases databases, QuietMachine quiet, String runId) {
        try (SwitchboardTarget target = SwitchboardTarget.start(databases.forSwitchboard(DatabaseKind.H2),
                SwitchboardChannel.voiceTwilio())) {
            String label = "voice-twilio";
            FixedRateLoad load = new FixedRateLoad(target.hookBase(), runId + "-voice", new AtomicLong());
            int highest = settings.voiceRates().stream().mapToInt(Integer::intValue).max().orElseThrow();
            quiet.await();
            Duration step = Duration.ofSeconds(settings.voiceWarmupSeconds()).dividedBy(WARMUP_STEPS);
            List<FixedRateResult> warmups = new ArrayList<>();
            for (int i = 1; i <= WARMUP_STEPS; i++) {
                FixedRateResult warmup = load.run("w" + i, Math.max(1, highest * i / WARMUP_STEPS), LEAD_IN, step);
                Progress.say(label + ", warm-up: " + warmup);
                warmups.add(warmup);
            }
            List<FixedRateResult> measurements = new ArrayList<>();
            for (int rate : settings.voiceRates()) {
                quiet.await();
                FixedRateResult result = load.run("r" + rate, rate, LEAD_IN, Duration.ofSeconds(settings.voiceSeconds()));
                Progress.say(label + ": " + result);
                measurements.add(result);
            }
            List<FixedRateResult> all = new ArrayList<>(warmups);
            all.addAll(measurements);
            String stored = target.verifyStored(all.stream().mapToLong(FixedRateResult::events).sum(),
                    all.stream().mapToLong(FixedRateResult::eventsSent).sum(),
                    all.stream().mapToLong(FixedRateResult::calls).sum(),
                    all.stream().mapToLong(FixedRateResult::callsSent).sum());
            Progress.say(label + ", stored as acknowledged: " + stored);
            return new Results(List.copyOf(warmups), List.copyOf(measurements), stored);
        } finally {
            databases.dropAll();
        }
    }
}
