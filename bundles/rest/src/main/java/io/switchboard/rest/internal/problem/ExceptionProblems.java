package io.switchboard.rest.internal.problem;

import io.switchboard.channels.InvalidConfigurationException;
import io.switchboard.store.UniqueViolation;
import jakarta.persistence.OptimisticLockException;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Turns the exceptions of the core services into problems, following their contract: unknown ids are
 * {@link NoSuchElementException}, invalid input {@link IllegalArgumentException}, impossible actions
 * {@link IllegalStateException}, and concurrent writes {@link UniqueViolation} or an optimistic lock
 * failure. Anything else is a fault of the server.
 */
public final class ExceptionProblems {
    private static final int MAX_CAUSES = 10;

    private ExceptionProblems() {
    }

    /** The problem {@code e} stands for, or empty when it is an unexpected failure. */
    public static Optional<Problem> of(Throwable e) {
        if (e instanceof ProblemException problem) {
            return Optional.of(problem.problem());
        }
        if (e instanceof InvalidConfigurationException invalid) {
            return Optional.of(Problems.validation("The configuration does not fit the channel type.",
                    invalid.errors()));
        }
        if (e instanceof NoSuchElementException) {
            return Optional.of(Problems.notFound(messageOr(e, "It does not exist.")));
        }
        if (causedBy(e, UniqueViolation.class)) {
            return Optional.of(Problems.conflict("Another request stored the same thing at the same time."));
        }
        if (causedBy(e, OptimisticLockException.class)) {
            return Optional.of(Problems.conflict(
                    "Someone else changed it at the same time; reload it and try again."));
        }
        if (e instanceof IllegalArgumentException) {
            return Optional.of(Problems.validation(messageOr(e, "The request is not valid."), null));
        }
        if (e instanceof IllegalStateException) {
            return Optional.of(Problems.conflict(messageOr(e, "That is not possible in the current state.")));
        }
        return Optional.empty();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        Throwable current = e;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static String messageOr(Throwable e, String fallback) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }
}
