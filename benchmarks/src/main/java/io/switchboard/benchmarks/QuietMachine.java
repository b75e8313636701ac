package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * Waits, before a measurement, until the machine is quiet: until processes other than the benchmark's
 * own use little CPU. On a shared build machine another build would otherwise be measured along with
 * Switchboard. The waiting is bounded for the whole run; after that, measurements go ahead at once,
 * and the report shows how much other load there was.
 */
final class QuietMachine {
    /** Other load below this share of the machine counts as quiet. */
    static final double QUIET_PERCENT = 5;
    private static final Duration WINDOW = Duration.ofSeconds(2);

    private long patienceNanos;

    /** @param patience how long the whole run may wait in all */
    QuietMachine(Duration patience) {
        this.patienceNanos = patience.toNanos();
    }

    void await() {
        boolean told = false;
        while (true) {
            long started = System.nanoTime();
            CpuUsage before = CpuUsage.now();
            AdminApi.pause(WINDOW);
            double others = CpuUsage.since(before).othersPercent(WINDOW);
            patienceNanos -= System.nanoTime() - started;
            if (others < QUIET_PERCENT) {
                return;
            }
            if (patienceNanos <= 0) {
                Progress.say(String.format(Locale.ROOT, "The machine is busy (%.0f%% used by others) and the run has"
                        + " waited long enough; measuring anyway", others));
                return;
            }
            if (!told) {
                Progress.say(String.format(Locale.ROOT, "Waiting for the machine to be quiet (%.0f%% used by others)",
                        others));
                told = true;
            }
        }
    }
}
