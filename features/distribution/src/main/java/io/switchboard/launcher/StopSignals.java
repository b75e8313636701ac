package io.switchboard.launcher;

import java.time.Duration;

import sun.misc.Signal;

/**
 * SIGTERM (a service manager, {@code kill}) and SIGINT (Ctrl-C) stop the framework cleanly and
 * the process then exits with 0.
 *
 * <p>A shutdown hook alone cannot give that: the JVM reports death by SIGTERM as exit status 143
 * whatever its hooks did, and it runs all hooks at once, so a library's own hook (a database
 * closing itself, say) would race the bundles that are still stopping. Handling the signal
 * ourselves stops the bundles first, in order, and only then lets the JVM exit. {@code sun.misc.Signal}
 * is the JDK's only way to do that, kept open on purpose in module jdk.unsupported (javac warns about
 * it); where it is missing, the shutdown hook still stops the framework, with the JVM's exit status.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void install(OsgiRuntime runtime, Duration timeout) {
        Runnable stop = () -> {
            Console.info("Stopping Switchboard");
            if (!runtime.stop(timeout)) {
                Console.error("Bundles still stopping after " + timeout.toSeconds() + " s; exiting anyway", null);
                Runtime.getRuntime().halt(1);
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException | LinkageError unsupported) {
                Console.warn("Cannot handle SIG" + name + " (" + unsupported + "); the shutdown hook will stop Switchboard");
            }
        }
    }

    /** Covers every other way out: System.exit from anywhere, SIGHUP, or signals we could not take over. */
    static void installShutdownHook(OsgiRuntime runtime, Duration timeout) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!runtime.stop(timeout)) {
                Console.error("Bundles still stopping after " + timeout.toSeconds() + " s at JVM exit", null);
            }
        }, "switchboard-shutdown"));
    }
}
