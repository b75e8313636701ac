package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.problem.ProblemException;
import io.switchboard.rest.internal.problem.Problems;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the services' "field: what is wrong" refusals into validation problems naming the field. */
final class FieldErrors {
    private static final Pattern FIELD = Pattern.compile("([A-Za-z]+): (.+)", Pattern.DOTALL);

    private FieldErrors() {
    }

    static <T> T named(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "The request is not valid." : e.getMessage();
            Matcher field = FIELD.matcher(message);
            if (field.matches()) {
                throw new ProblemException(Problems.validation(field.group(1) + " " + field.group(2) + ".",
                        Map.of(field.group(1), field.group(2))));
            }
            throw new ProblemException(Problems.validation(message, null));
        }
    }
}
