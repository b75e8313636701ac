package io.switchboard.rest.internal.problem;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The problem types of this API. Each type is a stable relative URI that clients may switch on; the
 * OpenAPI document lists them.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** How long a client should wait before retrying while a core service starts. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private Problems() {
    }

    public static Problem badRequest(String detail, Map<String, String> errors) {
        return new Problem("/problems/bad-request", "Bad request", 400, detail, errors);
    }

    public static Problem malformedBody(String detail) {
        return new Problem("/problems/malformed-body", "Malformed request body", 400, detail, null);
    }

    public static Problem validation(String detail, Map<String, String> errors) {
        return new Problem("/problems/validation", "Invalid input", 422, detail, errors);
    }

    public static Problem unauthorized(String detail) {
        return new Problem("/problems/unauthorized", "Authentication required", 401, detail, null);
    }

    public static Problem forbidden(String detail) {
        return new Problem("/problems/forbidden", "Not allowed", 403, detail, null);
    }

    public static Problem notFound(String detail) {
        return new Problem("/problems/not-found", "Not found", 404, detail, null);
    }

    public static Problem conflict(String detail) {
        return new Problem("/problems/conflict", "Conflict", 409, detail, null);
    }

    public static Problem serviceUnavailable(String detail) {
        return new Problem("/problems/service-unavailable", "Service unavailable", 503, detail, null);
    }

    public static Problem internalError(String detail) {
        return new Problem("/problems/internal-error", "Internal error", 500, detail, null);
    }

    /** A problem for an HTTP status that has no more specific type here. */
    public static Problem forStatus(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return new Problem("about:blank", title, status, detail, null);
    }

    /** A problem whose detail only repeats the status's title. */
    public static Problem forStatus(int status) {
        Problem bare = forStatus(status, null);
        return bare.withDetail(bare.title() + ".");
    }

    public static ProblemException unavailable(String what) {
        return new ProblemException(serviceUnavailable(what + " is not available yet; retry shortly"),
                Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Response response(Problem problem) {
        return response(problem, Map.of());
    }
}
