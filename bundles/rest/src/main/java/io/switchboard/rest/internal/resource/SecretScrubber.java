package io.switchboard.rest.internal.resource;

import io.switchboard.channels.ConfigSchema;
import io.switchboard.rest.internal.problem.ExceptionProblems;
import io.switchboard.rest.internal.problem.Problem;
import io.switchboard.rest.internal.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the secrets of a channel configuration out of everything the API sends back: configuration
 * values of password fields, and any secret value a validation message might quote.
 */
final class SecretScrubber {
    static final String MASK = "********";
    /** Shorter values are not masked inside messages: masking "a" would garble every sentence. */
    private static final int MIN_MASKED_LENGTH = 4;

    private final List<String> secretValues;

    private SecretScrubber(List<String> secretValues) {
        this.secretValues = secretValues;
    }

    /** The ids of a schema's password fields. */
    static Set<String> secretFields(Optional<ConfigSchema> schema) {
        return schema.map(s -> s.fields().stream()
                        .filter(field -> field.type() == ConfigSchema.Type.PASSWORD)
                        .map(ConfigSchema.Field::id)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    /**
     * A scrubber for the values submitted for the secret fields. When the schema is unknown, every
     * submitted string counts as a possible secret.
     */
    static SecretScrubber forSubmitted(Map<String, Object> submitted, Optional<ConfigSchema> schema) {
        Set<String> secrets = secretFields(schema);
        List<String> values = new ArrayList<>();
        submitted.forEach((field, value) -> {
            if (schema.isEmpty() || secrets.contains(field)) {
                collectStrings(value, values);
            }
        });
        values.removeIf(value -> value.length() < MIN_MASKED_LENGTH);
        // Longest first, so that a secret containing another is masked whole.
        values.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new SecretScrubber(List.copyOf(values));
    }

    /** The configuration without the values of secret fields. */
    static Map<String, Object> withoutSecrets(Map<String, Object> configuration, Set<String> secretFields) {
        Map<String, Object> visible = new LinkedHashMap<>();
        if (configuration != null) {
            configuration.forEach((field, value) -> {
                if (!secretFields.contains(field)) {
                    visible.put(field, value);
                }
            });
        }
        return visible;
    }

    /** The problem {@code e} stands for with every submitted secret masked, or {@code e} itself. */
    RuntimeException scrub(RuntimeException e) {
        Optional<Problem> problem = ExceptionProblems.of(e);
        if (problem.isEmpty()) {
            return e;
        }
        Problem p = problem.get();
        Map<String, String> errors = null;
        if (p.errors() != null) {
            errors = new LinkedHashMap<>();
            for (Map.Entry<String, String> error : p.errors().entrySet()) {
                errors.put(error.getKey(), mask(error.getValue()));
            }
        }
        return new ProblemException(p.withDetail(mask(p.detail())).withErrors(errors),
                e instanceof ProblemException known ? known.headers() : Map.of());
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secretValues) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    private static void collectStrings(Object value, List<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else if (value instanceof Iterable<?> values) {
            values.forEach(item -> collectStrings(item, into));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collectStrings(item, into));
        } else if (value != null) {
            into.add(value.toString());
        }
    }
}
