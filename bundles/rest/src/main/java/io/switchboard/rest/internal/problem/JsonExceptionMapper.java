package io.switchboard.rest.internal.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request bodies that are not JSON, or not the JSON expected. Jackson's own messages quote the
 * offending input, which may be a secret (a channel's API key), so the details are written here from
 * the location and the field only.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return Problems.response(problemFor(e));
    }

    static Problem problemFor(JsonProcessingException e) {
        StreamReadException unreadable = unreadable(e);
        if (unreadable != null) {
            return Problems.malformedBody("The request body is not valid JSON" + where(unreadable.getLocation()) + ".");
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            if (field.isEmpty()) {
                return Problems.malformedBody("The request body must be a JSON object of the documented shape.");
            }
            return Problems.validation("The request has invalid fields.", Map.of(field, expectation(mapping)));
        }
        return Problems.malformedBody("The request body could not be read.");
    }

    /** The syntax error behind {@code e}: Jackson wraps one met inside an object in a mapping error. */
    private static StreamReadException unreadable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException syntax) {
                return syntax;
            }
        }
        return null;
    }

    private static String expectation(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "must be a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(target)) {
            return "must be a JSON object";
        }
        return e instanceof InvalidFormatException ? "has the wrong format" : "has the wrong type";
    }

    /** The field's path in the body, e.g. {@code configuration.port} or {@code tags[0]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
