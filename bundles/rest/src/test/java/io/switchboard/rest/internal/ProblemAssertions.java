package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** What every error response of the API must look like: an RFC 9457 problem. */
final class ProblemAssertions {
    private ProblemAssertions() {
    }

    static JsonNode assertProblem(ApiFixture.ApiResponse response, int status, String type) {
        assertEquals(status, response.status(), () -> "unexpected response: " + response);
        assertTrue(response.contentType().startsWith("application/problem+json"), () -> "not a problem: " + response);
        JsonNode problem = response.json();
        assertEquals(type, problem.path("type").asText(), () -> "type of " + response);
        assertEquals(status, problem.path("status").asInt(), () -> "status in " + response);
        assertFalse(problem.path("title").asText().isBlank(), () -> "title of " + response);
        assertFalse(problem.path("detail").asText().isBlank(), () -> "detail of " + response);
        assertFalse(response.body().contains("\tat "), () -> "stack trace in " + response);
        assertFalse(response.body().contains("Exception"), () -> "exception name in " + response);
        return problem;
    }
}
