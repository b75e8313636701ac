package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.channels.PlacedCall;
import io.switchboard.store.internal.HibernateStore;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents' availability and click-to-call over real HTTP, with the real ticket service. */
class AgentApiTest {
    private static HibernateStore store;
    private static TicketServiceImpl tickets;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        store = SharedStore.open();
        tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
        api = ApiFixture.start(store, tickets);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        store.close();
    }

    @BeforeEach
    void reset() {
        api.channels.callsAsked.clear();
        tickets.setAvailability(api.agentName, false, null, null);
        tickets.setAvailability(api.adminName, false, null, null);
    }

    @Test
    void anAgentSetsTheirAvailabilityAndTheQueuesSeeItInFairOrder() {
        JsonNode me = api.send("PUT", "/api/v1/agents/me/availability", api.agentToken,
                "{\"available\": true, \"phoneNumber\": \"+1 (415) 555-0101\"}").json();
        assertEquals(api.agentName, me.path("name").asText());
        assertTrue(me.path("available").asBoolean());
        assertEquals("+14155550101", me.path("phoneNumber").asText());
        assertTrue(me.path("clientIdentity").isNull());
        assertFalse(me.path("availableSince").isNull());

        api.send("PUT", "/api/v1/agents/me/availability", api.adminToken,
                "{\"available\": true, \"clientIdentity\": \"admin-desk\"}").json();
        JsonNode agents = api.get("/api/v1/agents", api.agentToken).json().path("agents");
        assertEquals(2, agents.size(), agents::toString);
        assertEquals(api.agentName, agents.get(0).path("name").asText());
        assertEquals("admin-desk", agents.get(1).path("clientIdentity").asText());

        tickets.agentOffered(api.agentName);
        agents = api.get("/api/v1/agents", api.agentToken).json().path("agents");
        assertEquals(1, agents.size(), "the agent being rung takes no other call: " + agents);
        assertFalse(api.get("/api/v1/agents/me/availability", api.agentToken).json().path("onCallSince").isNull());
        tickets.agentReleased(api.agentName);
        agents = api.get("/api/v1/agents", api.agentToken).json().path("agents");
        assertEquals(api.adminName, agents.get(0).path("name").asText(), "the agent just rung goes last");
        assertTrue(agents.get(1).path("onCallSince").isNull());

        api.send("PUT", "/api/v1/agents/me/availability", api.agentToken, "{\"available\": false}").json();
        agents = api.get("/api/v1/agents", api.agentToken).json().path("agents");
        assertEquals(1, agents.size());
        JsonNode away = api.get("/api/v1/agents/me/availability", api.agentToken).json();
        assertFalse(away.path("available").asBoolean());
        assertEquals("+14155550101", away.path("phoneNumber").asText(), "kept for next time");
    }

    @Test
    void badAvailabilityIsAProblemNamingTheField() {
        JsonNode problem = assertProblem(api.send("PUT", "/api/v1/agents/me/availability", api.agentToken,
                "{\"available\": true, \"phoneNumber\": \"not a number\"}"), 422, "/problems/validation");
        assertEquals("not a phone number: not a number", problem.path("errors").path("phoneNumber").asText());
        problem = assertProblem(api.send("PUT", "/api/v1/agents/me/availability", api.agentToken,
                "{\"phoneNumber\": \"+14155550101\"}"), 422, "/problems/validation");
        assertTrue(problem.path("errors").has("available"), problem::toString);
        problem = assertProblem(api.send("PUT", "/api/v1/agents/me/availability", api.agentToken,
                "{\"available\": true, \"clientIdentity\": \"<alice>\"}"), 422, "/problems/validation");
        assertTrue(problem.path("errors").has("clientIdentity"), problem::toString);
        assertProblem(api.send("PUT", "/api/v1/agents/me/availability", api.agentToken, "{\"available\": "),
                400, "/problems/malformed-body");
        assertProblem(api.call("PUT", "/api/v1/agents/me/availability").body("application/json", "{}").send(),
                401, "/problems/unauthorized");
    }

    @Test
    void clickToCallRingsTheAgentWhereTheirAvailabilitySaysOrWhereTheyAsk() {
        long ticket = voiceTicket("+14155550177");
        api.channels.callAnswer = asked -> placed(asked, "PLACED", "CA-out-1", null);

        // Nowhere to ring yet.
        JsonNode problem = assertProblem(api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken, "{}"),
                422, "/problems/validation");
        assertTrue(problem.path("errors").has("phoneNumber"), problem::toString);
        assertTrue(api.channels.callsAsked.isEmpty());

        tickets.setAvailability(api.agentName, false, "+14155550101", null);
        JsonNode call = api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken, "{}").json();
        assertEquals("PLACED", call.path("state").asText());
        assertEquals("CA-out-1", call.path("providerCallId").asText());
        assertEquals(new FakeChannelRuntime.CallAsked(ticket, new AgentContact(api.agentName, "+14155550101", null),
                OutboundCall.Purpose.CLICK_TO_CALL), api.channels.callsAsked.get(0));

        var created = api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken,
                "{\"clientIdentity\": \"agent-browser\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(new AgentContact(api.agentName, null, "agent-browser"), api.channels.callsAsked.get(1).ringAt());
    }

    @Test
    void clickToCallErrorsAreProblems() {
        long ticket = voiceTicket("+14155550178");
        assertProblem(api.send("POST", "/api/v1/tickets/99999999/calls", api.agentToken, "{\"phoneNumber\": \"+14155550101\"}"),
                404, "/problems/not-found");
        JsonNode problem = assertProblem(api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken,
                "{\"phoneNumber\": \"+14155550101\", \"clientIdentity\": \"both\"}"), 422, "/problems/validation");
        assertTrue(problem.path("errors").has("phoneNumber"), problem::toString);

        api.channels.callAnswer = asked -> {
            throw new IllegalStateException("Ticket " + asked.ticketId() + " has no voice conversation: a call needs"
                    + " the customer's phone number on a voice channel.");
        };
        problem = assertProblem(api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken,
                "{\"phoneNumber\": \"+14155550101\"}"), 409, "/problems/conflict");
        assertTrue(problem.path("detail").asText().contains("has no voice conversation"), problem::toString);

        api.channels.callAnswer = asked -> placed(asked, "FAILED", null, "invalid 'To' number");
        problem = assertProblem(api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken,
                "{\"phoneNumber\": \"+14155550101\"}"), 502, "about:blank");
        assertEquals("The voice channel line could not place the call: invalid 'To' number.", problem.path("detail").asText());

        api.channels.callAnswer = asked -> placed(asked, "UNKNOWN", null, "the connector failed while placing the call");
        problem = assertProblem(api.send("POST", "/api/v1/tickets/" + ticket + "/calls", api.agentToken,
                "{\"phoneNumber\": \"+14155550101\"}"), 502, "about:blank");
        assertTrue(problem.path("detail").asText().contains("may or may not have placed call"), problem::toString);
    }

    @Test
    void anAgentAcceptsTheFirstCallbackAndTheCallerIsCalledBack() {
        tickets.setAvailability(api.agentName, true, "+14155550101", null);
        long first = callbackTicket("+14155550181", 10);
        callbackTicket("+14155550182", 5);
        JsonNode waiting = api.get("/api/v1/callbacks", api.agentToken).json().path("callbacks");
        assertEquals(2, waiting.size(), waiting::toString);
        assertEquals("+14155550182", waiting.get(0).path("to").asText(), "entered the queue first");
        long bob = waiting.get(0).path("id").asLong();
        long ada = waiting.get(1).path("id").asLong();

        JsonNode problem = assertProblem(api.send("POST", "/api/v1/callbacks/" + ada + "/accept", api.agentToken, "{}"),
                409, "/problems/conflict");
        assertTrue(problem.path("detail").asText().contains("is ahead of"), problem::toString);

        // Refused by the provider: the caller keeps their place.
        api.channels.callAnswer = asked -> placed(asked, "FAILED", null, "busy");
        assertProblem(api.send("POST", "/api/v1/callbacks/" + bob + "/accept", api.agentToken, "{}"), 502, "about:blank");
        assertEquals(bob, api.get("/api/v1/callbacks", api.agentToken).json().path("callbacks").get(0).path("id").asLong());

        api.channels.callAnswer = asked -> placed(asked, "PLACED", "CA-back", null);
        var accepted = api.call("POST", "/api/v1/callbacks/" + bob + "/accept").token(api.agentToken).send();
        assertEquals(201, accepted.status(), accepted::toString);
        assertEquals("CALLED", accepted.json().path("callback").path("state").asText());
        assertEquals("CA-back", accepted.json().path("call").path("providerCallId").asText());
        FakeChannelRuntime.CallAsked asked = api.channels.callsAsked.get(api.channels.callsAsked.size() - 1);
        assertEquals(OutboundCall.Purpose.CALLBACK, asked.purpose());
        assertEquals(new AgentContact(api.agentName, "+14155550101", null), asked.ringAt());

        JsonNode left = api.get("/api/v1/callbacks", api.agentToken).json().path("callbacks");
        assertEquals(1, left.size());
        assertEquals(first, left.get(0).path("ticketId").asLong());
        assertProblem(api.send("POST", "/api/v1/callbacks/" + bob + "/accept", api.agentToken, "{}"), 409,
                "/problems/conflict");
        assertProblem(api.send("POST", "/api/v1/callbacks/99999999/accept", api.agentToken, "{}"), 404,
                "/problems/not-found");

        // Nothing placed when the ticket cannot be called: back in place.
        api.channels.callAnswer = a -> {
            throw new IllegalStateException("The voice channel line is not running.");
        };
        assertProblem(api.send("POST", "/api/v1/callbacks/" + ada + "/accept", api.agentToken, "{}"), 409,
                "/problems/conflict");
        assertEquals("WAITING", api.get("/api/v1/callbacks", api.agentToken).json().path("callbacks").get(0)
                .path("state").asText());
        api.channels.callAnswer = a -> placed(a, "PLACED", "CA-back-2", null);
        assertEquals(201, api.call("POST", "/api/v1/callbacks/" + ada + "/accept").token(api.agentToken).send().status());
    }

    private static long callbackTicket(String number, int ivrSeconds) {
        Instant start = Instant.now().minusSeconds(100);
        tickets.apply("line", "voice-test", new CallUpdate("ev-cb-" + number, start,
                new Contact(Address.phone(number), List.of(), null), "CA-cb-" + number, Direction.INBOUND,
                CallOutcome.CALLBACK, List.of("main"), "billing", Duration.ofSeconds(ivrSeconds), null, null, null,
                Instant.now(), null, null));
        return tickets.list(new TicketQuery(null, "line", null, null, null, 0, 100)).items().stream()
                .filter(t -> t.subject().contains(number)).findFirst().orElseThrow().id();
    }

    private static PlacedCall placed(FakeChannelRuntime.CallAsked asked, String state, String sid, String detail) {
        Instant now = Instant.now();
        return new PlacedCall("c-" + System.nanoTime(), asked.ticketId(), 1, "line", asked.purpose().name(),
                "+14155550177", asked.ringAt().name(), state, sid, detail, now, now);
    }

    private static long voiceTicket(String number) {
        tickets.apply("line", "voice-test", new CallUpdate("ev-" + number, Instant.now(),
                new Contact(Address.phone(number), List.of(), null), "CA-" + number, Direction.INBOUND,
                CallOutcome.VOICEMAIL, List.of(), null, null, null, null, null, Instant.now(), null, null));
        return tickets.list(new TicketQuery(null, "line", null, null, null, 0, 100)).items().stream()
                .filter(t -> t.subject().contains(number)).findFirst().orElseThrow().id();
    }
}
