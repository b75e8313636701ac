package io.switchboard.launcher;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A java.util.logging handler that writes through {@link Console}, so that libraries logging that
 * way end up in the one log, in its format, instead of on standard error in two-line records.
 * Named in {@code etc/java-logging.properties}; java.util.logging creates it, hence public.
 */
public final class JulConsoleHandler extends Handler {

    /** Used only to expand a record's parameters and resource bundle into its message. */
    private final SimpleFormatter messages = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            Console.print(levelName(record.getLevel()), record.getLoggerName(), messages.formatMessage(record),
                    record.getThrown());
        }
    }

    private static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    @Override
    public void flush() {
        System.out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
