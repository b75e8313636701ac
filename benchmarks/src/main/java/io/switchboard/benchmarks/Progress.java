package io.switchboard.benchmarks;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** What the run is doing, on standard output, so a long run shows it is alive. */
final class Progress {

    private Progress() {
    }

    static void say(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + line);
    }
}
