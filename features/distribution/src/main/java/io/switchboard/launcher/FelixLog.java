package io.switchboard.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.BundleException;

/**
 * Routes the framework's own messages into the launcher's log format, instead of Felix's
 * untimestamped {@code ERROR: ...} lines.
 */
final class FelixLog extends Logger {

    private static final String FRAMEWORK = "org.apache.felix.framework";

    @Override
    protected void doLog(int level, String message, Throwable failure) {
        Console.print(levelName(level), FRAMEWORK, message, worthAStackTrace(failure));
    }

    private static String levelName(int level) {
        return switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARN";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
    }

    /**
     * An unresolved requirement is fully described by its message, which Felix already appends; its
     * stack trace only shows Felix's resolver. Any other failure, e.g. an activator's, keeps its trace.
     */
    private static Throwable worthAStackTrace(Throwable failure) {
        if (failure instanceof BundleException bundleException) {
            if (bundleException.getType() == BundleException.RESOLVE_ERROR) {
                return null;
            }
            return bundleException.getCause() != null ? bundleException.getCause() : bundleException;
        }
        return failure;
    }
}
