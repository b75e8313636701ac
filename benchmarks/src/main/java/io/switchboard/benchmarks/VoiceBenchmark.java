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
     * @param warmup       the warm-up at the highest rate, not measured
     * @param measurements one per rate, in the order run
     * @param stored       what the check of the store found
     */
    record Results(FixedRateResult warmup, List<FixedRateResult> measurements, String stored) {
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
            FixedRateResult warmup = load.run("w", highest, LEAD_IN, Duration.ofSeconds(settings.voiceWarmupSeconds()));
            Progress.say(label + ", warm-up: " + warmup);
            long calls = warmup.calls();
            long events = warmup.events();
            long callsSent = warmup.callsSent();
            long eventsSent = warmup.eventsSent();
            List<FixedRateResult> measurements = new ArrayList<>();
            for (int rate : settings.voiceRates()) {
                quiet.await();
                FixedRateResult result = load.run("r" + rate, rate, LEAD_IN, Duration.ofSeconds(settings.voiceSeconds()));
                Progress.say(label + ": " + result);
                measurements.add(result);
                calls += result.calls();
                events += result.events();
                callsSent += result.callsSent();
                eventsSent += result.eventsSent();
            }
            String stored = target.verifyStored(events, eventsSent, calls, callsSent);
            Progress.say(label + ", stored as acknowledged: " + stored);
            return new Results(warmup, List.copyOf(measurements), stored);
        } finally {
            databases.dropAll();
        }
    }
}
