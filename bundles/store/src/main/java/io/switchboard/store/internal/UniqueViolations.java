package io.switchboard.store.internal;

import io.switchboard.store.UniqueViolation;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;

/** Recognises a broken unique constraint, however deep Hibernate wrapped the driver's error. */
final class UniqueViolations {
    /** SQL:2011 "unique violation"; both H2 and PostgreSQL report it for unique keys and indexes. */
    private static final String UNIQUE_VIOLATION_STATE = "23505";
    /** A bound on walking the cause chain, which a careless wrapper could make circular. */
    private static final int MAX_DEPTH = 32;

    private UniqueViolations() {
    }

    /** {@code failure} as a {@link UniqueViolation} if a unique constraint caused it, else unchanged. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof UniqueViolation) {
            return failure;
        }
        String constraint = null;
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && constraint == null) {
                constraint = violation.getConstraintName();
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION_STATE.equals(sql.getSQLState())) {
                String name = constraint == null ? "" : " " + constraint;
                return new UniqueViolation("Unique constraint" + name + " violated: " + sql.getMessage(), failure);
            }
        }
        return failure;
    }
}
