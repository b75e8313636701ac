package io.switchboard.rest.internal.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects what is wrong with a request body, field by field, so that a client learns about every
 * invalid field at once rather than one per round trip.
 */
public final class Validation {
    private final Map<String, String> errors = new LinkedHashMap<>();

    public Validation require(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            errors.putIfAbsent(field, "is required");
        }
        return this;
    }

    public Validation check(boolean valid, String field, String message) {
        if (!valid) {
            errors.putIfAbsent(field, message);
        }
        return this;
    }

    /** Throws a 422 problem naming every invalid field, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation("The request has invalid fields.", errors));
        }
    }

    /** Throws a 422 problem when the body itself is missing. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw new ProblemException(Problems.validation("A JSON object is required as the request body.",
                    Map.of("body", "is required")));
        }
        return body;
    }
}
