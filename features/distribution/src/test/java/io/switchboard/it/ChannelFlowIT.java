package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook channel end to end on the assembled runtime: messages in as a provider sends
 * them, replies out to a receiver played by WireMock.
 */
class ChannelFlowIT {
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String SECRET = "a-long-shared-secret-0123456789";

    private static SwitchboardProcess switchboard;
    private static WireMockServer receiver;
    private static Api api;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        switchboard = SwitchboardProcess.start();
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
        api.await("/api/v1/channel-types", types -> types.toString().contains("\"webhook-generic\""), SOON);
    }

    @AfterAll
    static void stop() {
        if (switchboard != null) {
            switchboard.close();
        }
        receiver.stop();
    }

    @BeforeEach
    void resetReceiver() {
        receiver.resetAll();
    }

    @Test
    void messagesBecomeOneTicketAndDuplicatesAreStoredOnce() {
        createInstance("support", "/replies");

        assertEquals(200, api.hook("/hooks/support/messages", message("m-1", "cust-1", "My parcel is late"), SECRET).statusCode());
        assertEquals(200, api.hook("/hooks/support/messages", message("m-2", "cust-1", "Order 1234"), SECRET).statusCode());
        assertEquals(200, api.hook("/hooks/support/messages", message("m-1", "cust-1", "My parcel is late"), SECRET).statusCode(),
                "a redelivery is acknowledged like the first delivery");

        JsonNode tickets = api.json("/api/v1/tickets?channel=support");
        assertEquals(1, tickets.get("total").asInt());
        JsonNode ticket = api.json("/api/v1/tickets/" + tickets.get("items").get(0).get("id").asLong());
        assertEquals("My parcel is late", ticket.get("subject").asText());
        assertEquals(List.of("My parcel is late", "Order 1234"), texts(ticket));
        assertEquals("support", ticket.get("conversations").get(0).get("channelInstance").asText());
    }

    @Test
    void forgedAndUnsignedRequestsAreRejectedAndLeaveNothing() {
        createInstance("forgery", "/replies");
        String body = message("f-1", "mallory", "Give me a refund");

        HttpResponse<String> forged = api.hook("/hooks/forgery/messages", body, "not-the-secret-0123456789");
        HttpResponse<String> unsigned = api.hook("/hooks/forgery/messages", body, null);

        for (HttpResponse<String> response : List.of(forged, unsigned)) {
            assertEquals(401, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(401, Api.read(response.body()).get("status").asInt());
        }
        assertEquals(0, api.json("/api/v1/tickets?channel=forgery").get("total").asInt());
        assertEquals(0, api.json("/api/v1/customers?search=mallory").get("total").asInt());
    }

    @Test
    void aReplyReachesTheReceiverSignedWithItsIdempotencyKey() {
        receiver.stubFor(post("/out/ok").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"ext-42\"}")));
        createInstance("replies", "/out/ok");
        api.hook("/hooks/replies/messages", message("r-1", "cust-9", "Can you call me back?"), SECRET);
        long ticket = onlyTicket("replies");

        assertEquals(202, api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", "Sure — tomorrow at 10?")).statusCode());

        LoggedRequest sent = awaitRequests("/out/ok", 1).get(0);
        JsonNode body = Api.read(sent.getBodyAsString());
        assertEquals("Sure — tomorrow at 10?", body.get("text").asText());
        assertEquals("cust-9", body.get("recipient").get("id").asText());
        assertEquals(ticket, body.get("ticketId").asLong());
        assertEquals(Signatures.sign(SECRET, sent.getBody()), sent.getHeader("X-Switchboard-Signature"));
        assertEquals(body.get("messageId").asText(), sent.getHeader("Idempotency-Key"));

        JsonNode reply = api.await("/api/v1/tickets/" + ticket, t -> "SENT".equals(outbound(t).get("deliveryStatus").asText()), SOON);
        assertEquals("ext-42", outbound(reply).get("providerMessageId").asText());
    }

    @Test
    void aReplyIsRetriedAfterA503AndDeliveredOnce() {
        receiver.stubFor(post("/out/flaky").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        receiver.stubFor(post("/out/flaky").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        createInstance("flaky", "/out/flaky");
        api.hook("/hooks/flaky/messages", message("x-1", "cust-5", "Hello?"), SECRET);
        long ticket = onlyTicket("flaky");

        api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", "Hello from support"));

        List<LoggedRequest> attempts = awaitRequests("/out/flaky", 2);
        assertEquals(attempts.get(0).getHeader("Idempotency-Key"), attempts.get(1).getHeader("Idempotency-Key"));
        api.await("/api/v1/tickets/" + ticket, t -> "SENT".equals(outbound(t).get("deliveryStatus").asText()), SOON);
        Api.sleep(1500);
        assertEquals(2, receiver.findAll(postRequestedFor(urlEqualTo("/out/flaky"))).size(), "delivered once, not again");
    }

    @Test
    void aReceiverCanReportDelivery() {
        receiver.stubFor(post("/out/status").willReturn(aResponse().withStatus(200)));
        createInstance("status", "/out/status");
        api.hook("/hooks/status/messages", message("s-1", "cust-3", "Hi"), SECRET);
        long ticket = onlyTicket("status");
        api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", "Hi there"));
        String messageId = Api.read(awaitRequests("/out/status", 1).get(0).getBodyAsString()).get("messageId").asText();

        String report = Api.write(Map.of("eventId", "st-1", "messageId", messageId, "status", "read"));
        assertEquals(200, api.hook("/hooks/status/status", report, SECRET).statusCode());

        api.await("/api/v1/tickets/" + ticket, t -> "READ".equals(outbound(t).get("deliveryStatus").asText()), SOON);
    }

    @Test
    void anInstanceCanBeCreatedByDroppingAFile() {
        switchboard.writeDeployFile("switchboard.channel.webhook_generic-from-file.cfg",
                "callbackUrl=" + receiver.baseUrl() + "/replies\nsecret=" + SECRET + "\n");

        JsonNode instance = api.await("/api/v1/channel-instances/from-file",
                i -> i.get("active").asBoolean(), SOON);
        assertEquals("webhook-generic", instance.get("type").asText());
        assertFalse(instance.toString().contains(SECRET), "secrets are never returned");
        assertEquals(200, api.hook("/hooks/from-file/messages", message("ff-1", "cust-f", "Hello from a file"), SECRET)
                .statusCode());
        assertEquals(1, api.json("/api/v1/tickets?channel=from-file").get("total").asInt());

        switchboard.undeploy("switchboard.channel.webhook_generic-from-file.cfg");
        api.await("/api/v1/channel-instances", all -> !all.toString().contains("from-file"), SOON);
        assertEquals(404, api.hook("/hooks/from-file/messages", message("ff-2", "cust-f", "Still there?"), SECRET)
                .statusCode());
    }

    @Test
    void badInstanceConfigurationIsRefusedNamingTheField() {
        HttpResponse<String> response = api.post("/api/v1/channel-instances", Map.of("id", "broken", "type", "webhook-generic",
                "configuration", Map.of("callbackUrl", "not a url")));

        assertTrue(response.statusCode() == 400 || response.statusCode() == 422, response.body());
        JsonNode problem = Api.read(response.body());
        assertTrue(problem.get("errors").has("secret"), response.body());
        assertEquals(404, api.get("/api/v1/channel-instances/broken").statusCode(), "nothing half-created");
    }

    private void createInstance(String id, String callbackPath) {
        HttpResponse<String> created = api.post("/api/v1/channel-instances", Map.of("id", id, "type", "webhook-generic",
                "configuration", Map.of("callbackUrl", receiver.baseUrl() + callbackPath, "secret", SECRET)));
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains(SECRET), "secrets are never returned");
        api.await("/api/v1/channel-instances/" + id, i -> i.get("active").asBoolean(), SOON);
    }

    private long onlyTicket(String channel) {
        JsonNode tickets = api.json("/api/v1/tickets?channel=" + channel);
        assertEquals(1, tickets.get("total").asInt());
        return tickets.get("items").get(0).get("id").asLong();
    }

    private List<LoggedRequest> awaitRequests(String path, int count) {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (System.nanoTime() < deadline) {
            List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo(path)));
            if (requests.size() >= count) {
                return requests;
            }
            Api.sleep(50);
        }
        throw new AssertionError("the receiver got fewer than " + count + " requests on " + path);
    }

    static String message(String eventId, String senderId, String text) {
        return Api.write(Map.of("eventId", eventId, "sender", Map.of("id", senderId, "name", "Customer " + senderId),
                "text", text));
    }

    static List<String> texts(JsonNode ticket) {
        return ticket.get("timeline").findParents("direction").stream()
                .filter(e -> "INBOUND".equals(e.get("direction").asText()))
                .map(e -> e.get("text").asText()).toList();
    }

    static JsonNode outbound(JsonNode ticket) {
        return ticket.get("timeline").findParents("direction").stream()
                .filter(e -> "OUTBOUND".equals(e.get("direction").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no reply on " + ticket));
    }
}
