package io.switchboard.rest.internal.problem;

import java.util.Map;

/**
 * An RFC 9457 problem document. {@code errors} maps a field (or query parameter) to what is wrong with
 * it; it is present only for validation problems.
 */
public record Problem(String type, String title, int status, String detail, Map<String, String> errors) {

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : Map.copyOf(errors);
    }

    public Problem withDetail(String newDetail) {
        return new Problem(type, title, status, newDetail, errors);
    }

    public Problem withErrors(Map<String, String> newErrors) {
        return new Problem(type, title, status, detail, newErrors);
    }
}
