package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aCallWithoutTokenIsAskedForOne() {
        ApiFixture.ApiResponse response = api.get("/api/v1/tickets", null);
        assertProblem(response, 401, "/problems/unauthorized");
        assertTrue(response.header("WWW-Authenticate").orElse("").startsWith("Bearer"), response::toString);
    }

    @Test
    void anUnknownTokenIsRefused() {
        ApiFixture.ApiResponse response = api.get("/api/v1/tickets", "not-a-token-anyone-was-given");
        assertProblem(response, 401, "/problems/unauthorized");
        assertTrue(response.header("WWW-Authenticate").orElse("").contains("invalid_token"), response::toString);
    }

    @Test
    void aTokenInAnotherSchemeIsRefused() {
        ApiFixture.ApiResponse response = api.call("GET", "/api/v1/me")
                .header("Authorization", "Basic " + api.agentToken).send();
        assertProblem(response, 401, "/problems/unauthorized");
    }

    @Test
    void unknownAddressesUnderTheApiNeedATokenToo() {
        assertProblem(api.get("/api/v1/no-such-thing", null), 401, "/problems/unauthorized");
        assertProblem(api.get("/api/v1/no-such-thing", api.agentToken), 404, "/problems/not-found");
    }

    @Test
    void anAgentTokenReadsTickets() {
        assertEquals(200, api.get("/api/v1/tickets", api.agentToken).status());
    }

    @Test
    void anAgentTokenMayNotAdministerChannelsOrTokens() {
        assertProblem(api.get("/api/v1/channel-instances", api.agentToken), 403, "/problems/forbidden");
        assertProblem(api.get("/api/v1/tokens", api.agentToken), 403, "/problems/forbidden");
        assertProblem(api.send("POST", "/api/v1/tokens", api.agentToken, "{\"name\":\"x\",\"role\":\"admin\"}"),
                403, "/problems/forbidden");
    }

    @Test
    void anAdminTokenMayDoEverything() {
        assertEquals(200, api.get("/api/v1/channel-instances", api.adminToken).status());
        assertEquals(200, api.get("/api/v1/tokens", api.adminToken).status());
        assertEquals(200, api.get("/api/v1/tickets", api.adminToken).status());
    }

    @Test
    void meNamesTheTokenAndItsRole() {
        JsonNode me = api.get("/api/v1/me", api.agentToken).json();
        assertEquals(api.agentName, me.path("name").asText());
        assertEquals("agent", me.path("role").asText());
        assertEquals("admin", api.get("/api/v1/me", api.adminToken).json().path("role").asText());
    }

    @Test
    void healthMetricsAndTheApiDescriptionNeedNoToken() {
        assertEquals(200, api.get("/health", null).status());
        assertEquals(200, api.get("/metrics", null).status());
        assertEquals(200, api.get("/api/v1/openapi.json", null).status());
    }
}
