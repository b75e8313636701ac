package io.switchboard.launcher;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The launcher's own log lines, on standard output, in the same shape as the bundles' slf4j-simple
 * lines (timestamp, thread, level, logger, message) so that one log reads as one stream.
 */
final class Console {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final String LAUNCHER = "io.switchboard.launcher";

    private Console() {
    }

    static void info(String message) {
        print("INFO", LAUNCHER, message, null);
    }

    static void warn(String message) {
        print("WARN", LAUNCHER, message, null);
    }

    static void error(String message, Throwable failure) {
        print("ERROR", LAUNCHER, message, failure);
    }

    static synchronized void print(String level, String logger, String message, Throwable failure) {
        PrintStream out = System.out;
        out.println(OffsetDateTime.now().format(TIMESTAMP) + " [" + Thread.currentThread().getName() + "] "
                + level + " " + logger + " - " + message);
        if (failure != null) {
            failure.printStackTrace(out);
        }
        out.flush();
    }
}
