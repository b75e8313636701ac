package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.store.internal.HibernateStore;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls through the API over real HTTP, filed by the real ticket service in a database of their own. */
class CallApiTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static HibernateStore store;
    private static TicketServiceImpl tickets;
    private static ApiFixture api;
    private static int events;

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

    @Test
    void aCallEntryCarriesTheCallWithItsDurationsInSeconds() {
        Contact ada = new Contact(Address.phone("+14155550100"), List.of(), "Ada");
        tickets.apply("voice-main", "voice-twilio", update(ada, "CA-answered", T0, null, List.of(), null, null, null, null,
                null, null, null, null));
        tickets.apply("voice-main", "voice-twilio", update(ada, "CA-answered", T0.plusSeconds(12), null,
                List.of("main", "billing"), "billing", Duration.ofSeconds(12), null, null, null, null, null, null));
        tickets.apply("voice-main", "voice-twilio", update(ada, "CA-answered", T0.plusSeconds(227),
                CallOutcome.ANSWERED, List.of(), null, null, Duration.ofSeconds(35), Duration.ofSeconds(180),
                "client:ada", T0.plusSeconds(227), Attachment.of("https://api.twilio.com/Recordings/RE1"), null));
        tickets.apply("voice-main", "voice-twilio", update(ada, "CA-voicemail", T0.plusSeconds(600),
                CallOutcome.VOICEMAIL, List.of(), null, null, null, null, null, T0.plusSeconds(642), null, null));
        tickets.apply("voice-main", "voice-twilio", update(ada, "CA-voicemail", T0.plusSeconds(700), null, List.of(),
                null, null, null, null, null, null, null, "Call me back, please."));

        JsonNode ticket = api.get("/api/v1/tickets/" + ticketOf("voice-main"), api.agentToken).json();
        JsonNode timeline = ticket.path("timeline");
        assertEquals(2, timeline.size(), timeline::toString);
        JsonNode answered = timeline.get(0);
        assertEquals("CALL", answered.path("type").asText());
        assertEquals("INBOUND", answered.path("direction").asText());
        assertEquals("Incoming call, answered (3 min 47 s), IVR: main > billing, queue billing (waited 35 s),"
                + " agent client:ada, talked 3 min", answered.path("text").asText());
        assertEquals("PENDING", answered.path("attachments").get(0).path("status").asText());
        JsonNode call = answered.path("call");
        assertEquals(answered.path("id").asLong(), call.path("entryId").asLong());
        assertEquals("voice-main", call.path("channelInstance").asText());
        assertEquals("CA-answered", call.path("callId").asText());
        assertEquals("INBOUND", call.path("direction").asText());
        assertEquals("ANSWERED", call.path("outcome").asText());
        assertEquals(api.parse("[\"main\", \"billing\"]"), call.path("ivrPath"));
        assertEquals("billing", call.path("queue").asText());
        assertEquals(12, call.path("ivrSeconds").asLong());
        assertEquals(35, call.path("waitSeconds").asLong());
        assertEquals(180, call.path("talkSeconds").asLong());
        assertEquals("client:ada", call.path("agent").asText());
        assertEquals("2026-03-02T09:00:00Z", call.path("startedAt").asText());
        assertEquals("2026-03-02T09:03:47Z", call.path("endedAt").asText());
        assertFalse(call.has("transcript"), call::toString);

        JsonNode voicemail = timeline.get(1).path("call");
        assertEquals("VOICEMAIL", voicemail.path("outcome").asText());
        assertEquals("Call me back, please.", voicemail.path("transcript").asText());
        assertEquals(0, voicemail.path("ivrPath").size());
        assertFalse(voicemail.has("talkSeconds"), voicemail::toString);

        tickets.apply("sms-main", "sms-twilio", new InboundMessage("SM1", null, ada, null, "Thanks!", List.of()));
        JsonNode sms = api.get("/api/v1/tickets/" + ticketOf("sms-main"), api.agentToken).json().path("timeline").get(0);
        assertEquals("MESSAGE", sms.path("type").asText());
        assertFalse(sms.has("call"), "a message has no call: " + sms);
    }

    @Test
    void statisticsComeFromTheStoredCallsPerInstanceAndDay() {
        Contact bob = new Contact(Address.phone("+14155550111"), List.of(), null);
        Instant day = Instant.parse("2025-11-03T00:00:00Z");
        tickets.apply("voice-stats", "voice-twilio", update(bob, "S1", day.plusSeconds(60), CallOutcome.ANSWERED,
                List.of("main"), "sales", Duration.ofSeconds(4), Duration.ofSeconds(10), Duration.ofSeconds(100),
                "client:ada", day.plusSeconds(200), null, null));
        tickets.apply("voice-stats", "voice-twilio", update(bob, "S2", day.plusSeconds(600), CallOutcome.ANSWERED,
                List.of("main"), "sales", Duration.ofSeconds(8), Duration.ofSeconds(25), Duration.ofSeconds(200),
                "client:bob", day.plusSeconds(900), null, null));
        tickets.apply("voice-stats", "voice-twilio", update(bob, "S3", day.plusSeconds(1200), CallOutcome.ABANDONED,
                List.of("main"), "sales", Duration.ofSeconds(6), Duration.ofSeconds(55), null, null,
                day.plusSeconds(1240), null, null));
        tickets.apply("voice-stats", "voice-twilio", update(bob, "S4", day.plusSeconds(1800), CallOutcome.VOICEMAIL,
                List.of(), null, null, null, null, null, day.plusSeconds(1830), null, null));

        ApiFixture.ApiResponse response = api.get(
                "/api/v1/calls/stats?instance=voice-stats&from=2025-11-03&to=2025-11-04&serviceLevelSeconds=30",
                api.agentToken);
        assertEquals(200, response.status(), response::toString);
        JsonNode report = response.json();
        assertEquals("2025-11-03", report.path("from").asText());
        assertEquals("2025-11-04", report.path("to").asText());
        assertEquals(30, report.path("serviceLevelSeconds").asInt());
        assertEquals(2, report.path("days").size());
        assertEquals(api.parse("""
                {"instance": "voice-stats", "date": "2025-11-03", "calls": 4, "answered": 2, "abandoned": 1,
                 "abandonmentRate": 0.25, "voicemails": 1, "callbacks": 0, "missed": 0,
                 "averageTalkSeconds": 150.0, "averageIvrSeconds": 6.0, "averageWaitSeconds": 30.0,
                 "serviceLevel": 0.6666666666666666, "perAgent": {"client:ada": 1, "client:bob": 1}}"""),
                report.path("days").get(0));
        assertEquals(api.parse("""
                {"instance": "voice-stats", "date": "2025-11-04", "calls": 0, "answered": 0, "abandoned": 0,
                 "abandonmentRate": null, "voicemails": 0, "callbacks": 0, "missed": 0,
                 "averageTalkSeconds": null, "averageIvrSeconds": null, "averageWaitSeconds": null,
                 "serviceLevel": null, "perAgent": {}}"""), report.path("days").get(1));

        JsonNode defaults = api.get("/api/v1/calls/stats?from=2025-11-03&to=2025-11-03", api.agentToken).json();
        assertEquals(20, defaults.path("serviceLevelSeconds").asInt());
        assertEquals(1, defaults.path("days").size(), "only the instances with calls: " + defaults);
        assertEquals(1.0 / 3, defaults.path("days").get(0).path("serviceLevel").asDouble(), 1e-12,
                "within 20 s only the call that waited 10 s");
    }

    @Test
    void badParametersAreNamed() {
        JsonNode missing = assertProblem(api.get("/api/v1/calls/stats", api.agentToken), 400, "/problems/bad-request");
        assertTrue(missing.path("errors").has("from"), missing::toString);
        assertTrue(missing.path("errors").has("to"), missing::toString);

        JsonNode malformed = assertProblem(api.get(
                "/api/v1/calls/stats?from=2025-13-01&to=yesterday&serviceLevelSeconds=soon", api.agentToken),
                400, "/problems/bad-request");
        assertEquals("must be a day written YYYY-MM-DD", malformed.path("errors").path("from").asText());
        assertEquals("must be a day written YYYY-MM-DD", malformed.path("errors").path("to").asText());
        assertTrue(malformed.path("errors").has("serviceLevelSeconds"), malformed::toString);

        JsonNode backwards = assertProblem(api.get("/api/v1/calls/stats?from=2025-11-03&to=2025-11-02",
                api.agentToken), 400, "/problems/bad-request");
        assertEquals("must not be before from", backwards.path("errors").path("to").asText());

        JsonNode tooLong = assertProblem(api.get("/api/v1/calls/stats?from=2025-01-01&to=2025-04-03",
                api.agentToken), 400, "/problems/bad-request");
        assertTrue(tooLong.path("errors").path("to").asText().contains("92 days"), tooLong::toString);
        assertEquals(200, api.get("/api/v1/calls/stats?from=2025-01-01&to=2025-04-02", api.agentToken).status(),
                "92 days, both included, are allowed");

        JsonNode negative = assertProblem(api.get(
                "/api/v1/calls/stats?from=2025-11-03&to=2025-11-03&serviceLevelSeconds=-1", api.agentToken),
                400, "/problems/bad-request");
        assertTrue(negative.path("errors").has("serviceLevelSeconds"), negative::toString);

        assertProblem(api.get("/api/v1/calls/stats?from=2025-11-03&to=2025-11-03", null), 401,
                "/problems/unauthorized");
    }

    private static long ticketOf(String instance) {
        return tickets.list(new TicketQuery(null, instance, null, null, null, 0, 10)).items().get(0).id();
    }

    private static CallUpdate update(Contact caller, String callId, Instant at, CallOutcome outcome,
            List<String> ivrPath, String queue, Duration ivr, Duration wait, Duration talk, String agent,
            Instant endedAt, Attachment recording, String transcript) {
        return new CallUpdate("ev-" + ++events, at, caller, callId, Direction.INBOUND, outcome, ivrPath, queue, ivr,
                wait, talk, agent, endedAt, recording, transcript);
    }
}
