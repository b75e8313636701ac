package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.problem.ProblemException;
import io.switchboard.rest.internal.problem.Problems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads query parameters from their raw strings, so that a wrong one is a 400 naming the parameter
 * (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
final class QueryParameters {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Null or blank means "not given". */
    static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    int integer(String name, String raw, int defaultValue, int min, int max) {
        String value = text(raw);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range that is allowed
        }
        errors.put(name, max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max);
        return defaultValue;
    }

    Long id(String name, String raw) {
        String value = text(raw);
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, "must be a positive whole number");
        return null;
    }

    <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        String value = text(raw);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }
    }

    /** A day written YYYY-MM-DD; null when not given (then an error if {@code required}) or not valid. */
    LocalDate date(String name, String raw, boolean required) {
        String value = text(raw);
        if (value == null) {
            if (required) {
                errors.put(name, "is required, as YYYY-MM-DD");
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(name, "must be a day written YYYY-MM-DD");
            return null;
        }
    }

    /** Records what is wrong with a parameter that parsed but does not fit with the others. */
    void invalid(String name, String message) {
        errors.putIfAbsent(name, message);
    }

    int page(String raw) {
        return integer("page", raw, 0, 0, Integer.MAX_VALUE);
    }

    int size(String raw) {
        return integer("size", raw, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.badRequest("Some query parameters are not valid.", errors));
        }
    }
}
