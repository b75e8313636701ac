package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.channel.Health;
import io.switchboard.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static Store store;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        store = SharedStore.get();
        api = ApiFixture.start(store);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @AfterEach
    void allServicesBack() {
        api.services.setStore(store);
        api.services.setTickets(api.tickets);
        api.services.setChannels(api.channels);
        api.channels.clear();
    }

    @Test
    void healthIsStartingUntilEveryCoreServiceIsThere() {
        api.services.clearTickets(api.tickets);
        ApiFixture.ApiResponse starting = api.get("/health", null);
        assertEquals(503, starting.status(), starting::toString);
        assertEquals("STARTING", starting.json().path("status").asText());
        assertTrue(starting.header("Retry-After").isPresent(), starting::toString);

        ApiFixture.ApiResponse tickets = api.get("/api/v1/tickets", api.agentToken);
        assertProblem(tickets, 503, "/problems/service-unavailable");
        assertTrue(tickets.header("Retry-After").isPresent(), tickets::toString);

        api.services.setTickets(api.tickets);
        ApiFixture.ApiResponse up = api.get("/health", null);
        assertEquals(200, up.status(), up::toString);
        assertEquals("UP", up.json().path("status").asText());
        assertTrue(up.json().path("store").asText().startsWith("H2"), up::toString);
        assertFalse(up.json().path("store").asText().contains("/"), "no file path in an answer that needs no token");
        assertEquals(200, api.get("/api/v1/tickets", api.agentToken).status());
    }

    @Test
    void withoutTheStoreHealthAnswersAndTheApiAsksToRetry() {
        api.services.clearStore(store);
        ApiFixture.ApiResponse health = api.get("/health", null);
        assertEquals(503, health.status());
        assertEquals("starting", health.json().path("store").asText());
        ApiFixture.ApiResponse me = api.get("/api/v1/me", api.agentToken);
        assertProblem(me, 503, "/problems/service-unavailable");
        assertTrue(me.header("Retry-After").isPresent(), me::toString);
    }

    @Test
    void aChannelThatIsNotOnlineDegradesButDoesNotFailHealth() {
        api.channels.put("sms-ok", Health.online());
        api.channels.put("chat-slow", Health.degraded(Health.Reason.COMMUNICATION_ERROR, "Provider answers slowly"));
        api.channels.put("voice-down", Health.offline(Health.Reason.CONFIGURATION_ERROR, "The account SID is wrong"));

        ApiFixture.ApiResponse health = api.get("/health", null);
        assertEquals(200, health.status(), health::toString);
        JsonNode json = health.json();
        assertEquals("DEGRADED", json.path("status").asText());
        JsonNode down = json.path("channels").findParents("id").stream()
                .filter(c -> c.path("id").asText().equals("voice-down")).findFirst().orElseThrow();
        assertEquals("OFFLINE", down.path("status").asText());
        assertEquals("CONFIGURATION_ERROR", down.path("reason").asText());
        assertEquals("The account SID is wrong", down.path("message").asText());
        assertEquals("sms-fake", down.path("type").asText());
    }

    @Test
    void oneChannelsHealthAnswersByItsStatus() {
        api.channels.put("sms-ok", Health.online());
        api.channels.put("chat-slow", Health.degraded(Health.Reason.PROVIDER_ERROR, "slow"));
        api.channels.put("voice-down", Health.offline(Health.Reason.COMMUNICATION_ERROR, "unreachable"));
        assertEquals(200, api.get("/health/channels/sms-ok", null).status());
        assertEquals(200, api.get("/health/channels/chat-slow", null).status());
        ApiFixture.ApiResponse down = api.get("/health/channels/voice-down", null);
        assertEquals(503, down.status());
        assertEquals("COMMUNICATION_ERROR", down.json().path("reason").asText());
        assertProblem(api.get("/health/channels/nope", null), 404, "/problems/not-found");

        api.services.clearChannels(api.channels);
        assertProblem(api.get("/health/channels/sms-ok", null), 503, "/problems/service-unavailable");
    }
}
