package io.switchboard.store;

/** A write broke a unique constraint, typically because a concurrent request stored the same thing. */
public class UniqueViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UniqueViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
