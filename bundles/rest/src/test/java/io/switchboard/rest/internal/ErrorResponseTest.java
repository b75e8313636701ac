package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.store.UniqueViolation;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way a request can be wrong answers a 4xx problem; only a real fault is a 500. */
class ErrorResponseTest {
    private static ApiFixture api;
    private static Ticket ticket;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
        long customer = api.tickets.addCustomer("Ada", "+14155550100").id();
        ticket = api.tickets.addTicket(customer, "Broken router", TicketStatus.OPEN, "support", "sms-main");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String ticketPath() {
        return "/api/v1/tickets/" + ticket.id();
    }

    @Test
    void anUnknownTicketIsNotFound() {
        JsonNode problem = assertProblem(api.get("/api/v1/tickets/999999", api.agentToken), 404, "/problems/not-found");
        assertTrue(problem.path("detail").asText().contains("999999"));
    }

    @Test
    void aTicketIdThatIsNotANumberIsNotFound() {
        assertProblem(api.get("/api/v1/tickets/abc", api.agentToken), 404, "/problems/not-found");
        assertProblem(api.get("/api/v1/tickets/99999999999999999999999", api.agentToken), 404, "/problems/not-found");
    }

    @Test
    void badQueryParametersAreNamed() {
        JsonNode problem = assertProblem(
                api.get("/api/v1/tickets?status=WAITING&page=-1&size=500&customer=abc", api.agentToken),
                400, "/problems/bad-request");
        JsonNode errors = problem.path("errors");
        assertTrue(errors.path("status").asText().contains("OPEN"), errors::toString);
        assertTrue(errors.has("page"), errors::toString);
        assertTrue(errors.path("size").asText().contains("200"), errors::toString);
        assertTrue(errors.has("customer"), errors::toString);
        assertProblem(api.get("/api/v1/customers?size=zero", api.agentToken), 400, "/problems/bad-request");
    }

    @Test
    void malformedJsonIsABadRequest() {
        JsonNode problem = assertProblem(api.send("POST", ticketPath() + "/notes", api.agentToken, "{\"text\": \"hi"),
                400, "/problems/malformed-body");
        assertTrue(problem.path("detail").asText().contains("line 1"), problem::toString);
        assertProblem(api.send("POST", ticketPath() + "/notes", api.agentToken, "[1, 2]"), 400, "/problems/malformed-body");
        assertProblem(api.send("POST", ticketPath() + "/notes", api.agentToken, "{\"text\": \"a\"} trailing"),
                400, "/problems/malformed-body");
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() {
        JsonNode problem = assertProblem(api.send("POST", ticketPath() + "/replies", api.agentToken,
                "{\"text\": \"hi\", \"conversationId\": \"first\"}"), 422, "/problems/validation");
        assertEquals("must be a whole number", problem.path("errors").path("conversationId").asText(), problem::toString);

        problem = assertProblem(api.send("PATCH", ticketPath(), api.agentToken, "{\"status\": \"WAITING\"}"),
                422, "/problems/validation");
        assertTrue(problem.path("errors").path("status").asText().startsWith("must be one of NEW"), problem::toString);

        problem = assertProblem(api.send("PATCH", ticketPath(), api.agentToken, "{\"tags\": \"vip\"}"),
                422, "/problems/validation");
        assertTrue(problem.path("errors").has("tags"), problem::toString);
    }

    @Test
    void unknownFieldsAreNamedRatherThanIgnored() {
        JsonNode problem = assertProblem(api.send("PATCH", ticketPath(), api.agentToken, "{\"asignee\": \"bob\"}"),
                422, "/problems/validation");
        assertEquals("is not a known field", problem.path("errors").path("asignee").asText(), problem::toString);
    }

    @Test
    void missingFieldsAreNamed() {
        JsonNode problem = assertProblem(api.send("POST", ticketPath() + "/replies", api.agentToken, "{\"text\": \"  \"}"),
                422, "/problems/validation");
        assertEquals("is required", problem.path("errors").path("text").asText());
        problem = assertProblem(api.send("POST", ticketPath() + "/notes", api.agentToken, ""), 422, "/problems/validation");
        assertTrue(problem.path("errors").has("body"), problem::toString);
    }

    @Test
    void theServicesOwnValidationIsUnprocessable() {
        JsonNode problem = assertProblem(api.send("PATCH", ticketPath(), api.agentToken, "{\"tags\": [\"two words\"]}"),
                422, "/problems/validation");
        assertTrue(problem.path("detail").asText().contains("tags"), problem::toString);
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        ApiFixture.ApiResponse response = api.send("PUT", ticketPath(), api.agentToken, "{}");
        assertProblem(response, 405, "about:blank");
        String allow = response.header("Allow").orElse("");
        assertTrue(allow.contains("GET") && allow.contains("PATCH"), response::toString);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        ApiFixture.ApiResponse response = api.call("POST", ticketPath() + "/notes").token(api.agentToken)
                .body("text/plain", "hello").send();
        assertProblem(response, 415, "about:blank");
    }

    @Test
    void anUnacceptableMediaTypeIsRefused() {
        ApiFixture.ApiResponse response = api.call("GET", ticketPath()).token(api.agentToken)
                .header("Accept", "application/xml").send();
        assertProblem(response, 406, "about:blank");
    }

    @Test
    void impossibleActionsAndConcurrentChangesAreConflicts() {
        api.tickets.failure = () -> new IllegalStateException("Ticket is closed.");
        assertProblem(api.send("POST", ticketPath() + "/replies", api.agentToken, "{\"text\":\"hi\"}"), 409,
                "/problems/conflict");
        api.tickets.failure = () -> new UniqueViolation("duplicate key uk_x", null);
        assertProblem(api.get(ticketPath(), api.agentToken), 409, "/problems/conflict");
        api.tickets.failure = () -> new RuntimeException("commit failed", new OptimisticLockException("stale"));
        assertProblem(api.send("PATCH", ticketPath(), api.agentToken, "{\"priority\":\"HIGH\"}"), 409,
                "/problems/conflict");
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternals() {
        api.tickets.failure = () -> new NullPointerException("secret internal state");
        ApiFixture.ApiResponse response = api.get(ticketPath(), api.agentToken);
        JsonNode problem = assertProblem(response, 500, "/problems/internal-error");
        assertFalse(response.body().contains("secret internal state"), response::toString);
        assertTrue(problem.path("detail").asText().contains("incident"), problem::toString);
    }
}
