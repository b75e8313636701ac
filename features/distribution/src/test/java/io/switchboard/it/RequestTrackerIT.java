package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Request Tracker bridge end to end: a real RT 5 (installed and started by {@code rt5.sh}), the
 * assembled Switchboard with the bridge jar and its configuration dropped into {@code deploy/}, and the
 * generic webhook channel, whose outbound endpoint WireMock plays. Each test gets a freshly reset RT and
 * a fresh Switchboard.
 */
class RequestTrackerIT {
    /** RT answers in tens of milliseconds, but the bridge backs off up to a minute after failures. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration SOON = Duration.ofSeconds(60);
    /** Several of the bridge's poll cycles (pollSeconds = 1): time for a duplicate or an echo to show. */
    private static final long SETTLE_MILLIS = 5000;

    private static final String SECRET = "a-long-shared-secret-0123456789";
    private static final String CHANNEL = "support";
    private static final String BRIDGE = "helpdesk";
    private static final String BRIDGE_JAR = "bridge-rt.jar";
    private static final String BRIDGE_CONFIG = "switchboard.bridge.request_tracker-helpdesk.cfg";
    private static final String BRIDGE_BUNDLE = "io.switchboard.bridge.rt";
    private static final String MARKER = "Switchboard Ticket";
    private static final String STABLE_DOMAIN = "@customers.helpdesk.invalid";
    private static final String AGENT = "agent1";
    private static final String AGENT_NAME = "Agent One";

    @TempDir
    Path scratch;

    private boolean failed;

    /** Keeps the home (Switchboard's log, database) of a failed test for a look afterwards. */
    @RegisterExtension
    final AfterTestExecutionCallback failures = context -> failed = context.getExecutionException().isPresent();

    private long began;
    private URI rtUrl;
    private Rt rt;
    private Rt agent;
    private WireMockServer receiver;
    private Path home;
    private SwitchboardProcess switchboard;
    private Api api;

    @BeforeEach
    void start() {
        failed = true; // until the set-up is through: a home whose set-up failed is kept too
        began = System.nanoTime();
        rtUrl = Rt5Server.reset();
        step("RT reset");
        rt = new Rt(rtUrl, "root", "password");
        agent = rt.createAgent(AGENT, "agent1-secret", AGENT_NAME);

        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post("/replies").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"ext-1\"}")));

        home = SwitchboardProcess.newHome();
        switchboard = SwitchboardProcess.builder().home(home).start();
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
        step("Switchboard started");
        api.await("/api/v1/channel-types", types -> types.toString().contains("\"webhook-generic\""), SOON);
        HttpResponse<String> created = api.post("/api/v1/channel-instances", Map.of("id", CHANNEL, "type", "webhook-generic",
                "configuration", Map.of("callbackUrl", receiver.baseUrl() + "/replies", "secret", SECRET)));
        assertEquals(201, created.statusCode(), created.body());
        api.await("/api/v1/channel-instances/" + CHANNEL, i -> i.get("active").asBoolean(), SOON);

        switchboard.deploy(SwitchboardProcess.connector("switchboard-bridge-rt"), BRIDGE_JAR);
        switchboard.writeDeployFile(BRIDGE_CONFIG, String.join("\n",
                "url = " + rtUrl,
                "username = root",
                "password = password",
                "pollSeconds = 1",
                "requestorAddress = {address}" + STABLE_DOMAIN,
                ""));
        awaitBridge("ONLINE");
        step("bridge online");
        failed = false;
    }

    @AfterEach
    void stop() {
        try {
            if (switchboard != null) {
                switchboard.close();
            }
            if (failed) {
                System.out.println("RequestTrackerIT: kept the Switchboard home of the failed test: " + home);
            } else if (home != null) {
                DistributionCopy.delete(home);
            }
        } finally {
            if (receiver != null) {
                receiver.stop();
            }
        }
    }

    /** RT runs as root in the background; it is not left behind after the tests. */
    @AfterAll
    static void stopRt() {
        Rt5Server.stop();
    }

    @Test
    void aWebhookMessageBecomesAnRtTicketWithTheCustomerAsRequestorAndTheMessageAsTheirCorrespondence() {
        hook("e-1", customer("erin-7", "Erin External", null), "My parcel never arrived");
        hook("m-1", customer("mia-3", "Mia Mail", "mia@example.org"), "Please change my delivery address");

        // Known only by the generic channel's id: the admin's stable address, built from that identity.
        assertRequestorAndCorrespondence("erin-7", "supporterin-7" + STABLE_DOMAIN, "Erin External",
                "My parcel never arrived");
        step("first message in RT");
        // Known by an e-mail address: that address.
        assertRequestorAndCorrespondence("mia-3", "mia@example.org", "Mia Mail", "Please change my delivery address");
        assertEquals(2, rt.ticketIds("id > 0").size(), "one RT ticket per Switchboard ticket");
    }

    @Test
    void aStaffReplyInRtReachesTheCustomerOnTheirChannelOnceAndDoesNotEcho() {
        String requestor = "supportsam-1" + STABLE_DOMAIN;
        hook("s-1", customer("sam-1", "Sam Sender", null), "Where is my refund?");
        long ticket = ticketOf("sam-1");
        long rtTicket = awaitRtTicket(ticket);
        awaitCorrespondence(rtTicket, requestor, List.of("Where is my refund?"));
        step("message in RT");

        String reply = "The refund was sent yesterday, it shows within 3 days.";
        long replyTransaction = agent.correspond(rtTicket, reply);

        LoggedRequest sent = await("the reply at the channel's outbound endpoint", () -> repliesWithText(reply),
                found -> !found.isEmpty()).get(0);
        step("RT reply at the outbound endpoint");
        JsonNode body = Api.read(sent.getBodyAsString());
        assertEquals("sam-1", body.get("recipient").get("id").asText());
        assertEquals(ticket, body.get("ticketId").asLong());
        assertEquals(Signatures.sign(SECRET, sent.getBody()), sent.getHeader("X-Switchboard-Signature"));

        JsonNode detail = api.await("/api/v1/tickets/" + ticket, t -> outboundTexts(t).contains(reply), SOON);
        JsonNode entry = outbound(detail).stream().filter(e -> reply.equals(e.get("text").asText().strip())).findFirst()
                .orElseThrow();
        assertEquals(AGENT_NAME, entry.get("author").asText(), "the RT user's real name as the reply's author");
        api.await("/api/v1/tickets/" + ticket, t -> outbound(t).stream()
                .allMatch(e -> "SENT".equals(e.get("deliveryStatus").asText())), SOON);

        Api.sleep(SETTLE_MILLIS);
        assertEquals(1, repliesWithText(reply).size(), "the reply was sent once");
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).size(), "and nothing else was sent");
        assertEquals(List.of(reply), outboundTexts(api.json("/api/v1/tickets/" + ticket)), "one reply on the timeline");
        List<Rt.Transaction> correspondence = rt.transactions(rtTicket).stream()
                .filter(t -> "Correspond".equals(t.type())).toList();
        assertEquals(List.of(requestor, AGENT), correspondence.stream().map(Rt.Transaction::creator).toList(),
                "the reply is not written into RT a second time: " + correspondence);
        assertEquals(replyTransaction, correspondence.get(1).id());
    }

    @Test
    void statusChangesAreSynchronisedBothWays() {
        hook("t-1", customer("tia-2", "Tia Status", null), "My invoice is wrong");
        long ticket = ticketOf("tia-2");
        long rtTicket = awaitRtTicket(ticket);
        awaitCorrespondence(rtTicket, "supporttia-2" + STABLE_DOMAIN, List.of("My invoice is wrong"));

        HttpResponse<String> patched = api.patch("/api/v1/tickets/" + ticket, Map.of("status", "PENDING"));
        assertEquals(200, patched.statusCode(), patched.body());
        await("RT ticket " + rtTicket + " stalled", () -> rt.status(rtTicket), "stalled"::equals);
        step("PENDING reached RT");

        agent.setStatus(rtTicket, "resolved");
        api.await("/api/v1/tickets/" + ticket, t -> "SOLVED".equals(t.get("status").asText()), PATIENCE);
        step("resolved reached Switchboard");

        Api.sleep(SETTLE_MILLIS);
        assertEquals("resolved", rt.status(rtTicket), "no change bounced back into RT: " + rt.transactions(rtTicket));
        assertEquals("SOLVED", api.json("/api/v1/tickets/" + ticket).get("status").asText());
        assertEquals(0, receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).size(), "a status change sends nothing");
    }

    @Test
    void restartingTheBridgeBundleMidStreamDuplicatesNothingInRt() throws Exception {
        List<String> senders = List.of("ria-1", "ria-2", "ria-3");
        int total = 30;
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> provider = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                String sender = senders.get(i % senders.size());
                HttpResponse<String> response = api.hook("/hooks/" + CHANNEL + "/messages",
                        message("r-" + i, customer(sender, "Customer " + sender, null), "message " + i + " from " + sender),
                        SECRET);
                if (response.statusCode() != 200) {
                    unexpected.add(response.statusCode() + " " + response.body());
                    return;
                }
                acknowledged.incrementAndGet();
                Api.sleep(150);
            }
        });

        Path jar = SwitchboardProcess.connector("switchboard-bridge-rt");
        await("10 messages acknowledged", acknowledged::get, n -> n >= 10);
        switchboard.deploy(TestBundles.withVersion(jar, "1.0.1.updated", scratch), BRIDGE_JAR);
        switchboard.awaitLog("Bundle updated: " + BRIDGE_BUNDLE + " 1.0.1.updated", SOON);
        step("bundle updated");

        await("20 messages acknowledged", acknowledged::get, n -> n >= 20);
        switchboard.undeploy(BRIDGE_JAR);
        switchboard.awaitLog("Bundle uninstalled: " + BRIDGE_BUNDLE, SOON);
        switchboard.deploy(jar, BRIDGE_JAR);
        await("the bridge bundle started a third time", () -> logLinesContaining("Bundle started: " + BRIDGE_BUNDLE),
                n -> n >= 3);
        step("bundle reinstalled");

        provider.get(SOON.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(), unexpected);
        assertEquals(total, acknowledged.get());
        awaitBridge("ONLINE");
        step("all " + total + " messages acknowledged");

        Map<String, Long> rtTickets = new LinkedHashMap<>();
        for (String sender : senders) {
            long rtTicket = awaitRtTicket(ticketOf(sender));
            rtTickets.put(sender, rtTicket);
            List<String> expected = new ArrayList<>();
            for (int i = senders.indexOf(sender); i < total; i += senders.size()) {
                expected.add("message " + i + " from " + sender);
            }
            awaitCorrespondence(rtTicket, "support" + sender + STABLE_DOMAIN, expected);
        }
        step("all messages in RT");

        Api.sleep(SETTLE_MILLIS);
        assertEquals(Set.copyOf(rtTickets.values()), Set.copyOf(rt.ticketIds("id > 0")), "one RT ticket per customer");
        for (String sender : senders) {
            long switchboardTicket = ticketOf(sender);
            assertEquals(List.of(rtTickets.get(sender)), rt.ticketsMarked(MARKER, switchboardTicket));
            List<String> texts = correspondence(rtTickets.get(sender), "support" + sender + STABLE_DOMAIN);
            assertEquals(total / senders.size(), texts.size(), "each message once on RT ticket "
                    + rtTickets.get(sender) + ": " + texts);
            assertEquals(texts.size(), Set.copyOf(texts).size(), "no message twice: " + texts);
        }
    }

    @Test
    void messagesArrivingWhileRtIsDownLandOnceWhenItIsBack() {
        String dan = "supportdan-1" + STABLE_DOMAIN;
        String eve = "supporteve-2" + STABLE_DOMAIN;
        hook("d-0", customer("dan-1", "Dan Down", null), "first, while RT is up");
        long danTicket = ticketOf("dan-1");
        long danRt = awaitRtTicket(danTicket);
        awaitCorrespondence(danRt, dan, List.of("first, while RT is up"));

        Rt5Server.stop();
        List<String> danTexts = new ArrayList<>(List.of("first, while RT is up"));
        List<String> eveTexts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            danTexts.add("dan " + i + " while RT is down");
            hook("d-" + i, customer("dan-1", "Dan Down", null), danTexts.get(i));
            eveTexts.add("eve " + i + " while RT is down");
            hook("e-" + i, customer("eve-2", "Eve Waiting", null), eveTexts.get(i - 1));
        }
        step("RT stopped, messages sent");
        JsonNode degraded = awaitBridge("DEGRADED");
        step("bridge DEGRADED");
        assertEquals("COMMUNICATION_ERROR", degraded.path("reason").asText(), degraded.toString());
        assertTrue(!degraded.path("message").asText().isBlank(), "DEGRADED says why: " + degraded);
        System.out.println("RT bridge while RT is down: " + degraded);

        Rt5Server.start();
        step("RT started");
        awaitBridge("ONLINE");
        step("bridge ONLINE");
        awaitCorrespondence(danRt, dan, danTexts);
        long eveRt = awaitRtTicket(ticketOf("eve-2"));
        awaitCorrespondence(eveRt, eve, eveTexts);
        step("all messages in RT");

        Api.sleep(SETTLE_MILLIS);
        assertEquals(Set.of(danRt, eveRt), Set.copyOf(rt.ticketIds("id > 0")), "one RT ticket per customer");
        assertEquals(danTexts, correspondence(danRt, dan), "each of Dan's messages once, in order");
        assertEquals(eveTexts, correspondence(eveRt, eve), "each of Eve's messages once, in order");
        assertEquals(List.of(eve), rt.requestors(eveRt));
    }

    /** Progress with the time since the set-up began, to see where a slow run spends its time. */
    private void step(String what) {
        System.out.println("RequestTrackerIT: " + what + " after " + (System.nanoTime() - began) / 1_000_000 + " ms");
    }

    // --- Switchboard side ------------------------------------------------------------------------

    private static Map<String, Object> customer(String id, String name, String email) {
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("id", id);
        sender.put("name", name);
        if (email != null) {
            sender.put("email", email);
        }
        return sender;
    }

    private static String message(String eventId, Map<String, Object> sender, String text) {
        return Api.write(Map.of("eventId", eventId, "sender", sender, "text", text));
    }

    private void hook(String eventId, Map<String, Object> sender, String text) {
        HttpResponse<String> response = api.hook("/hooks/" + CHANNEL + "/messages", message(eventId, sender, text), SECRET);
        assertEquals(200, response.statusCode(), response.body());
    }

    /** The Switchboard ticket of the generic channel's customer {@code senderId} (one per customer here). */
    private long ticketOf(String senderId) {
        String address = CHANNEL + ":" + senderId;
        for (JsonNode ticket : api.json("/api/v1/tickets?channel=" + CHANNEL + "&size=100").get("items")) {
            JsonNode customer = api.json("/api/v1/customers/" + ticket.get("customerId").asLong());
            for (JsonNode identity : customer.get("identities")) {
                if (address.equals(identity.get("address").asText())) {
                    return ticket.get("id").asLong();
                }
            }
        }
        throw new AssertionError("No ticket of " + address);
    }

    /** This bridge instance's entry under {@code bridges} in GET /health, once it has {@code status}. */
    private JsonNode awaitBridge(String status) {
        JsonNode health = api.await("/health", h -> bridgeHealth(h).map(b -> status.equals(b.path("status").asText()))
                .orElse(false), PATIENCE);
        return bridgeHealth(health).orElseThrow();
    }

    private static Optional<JsonNode> bridgeHealth(JsonNode health) {
        for (JsonNode bridge : health.path("bridges")) {
            if (BRIDGE.equals(bridge.path("id").asText())) {
                return Optional.of(bridge);
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> outbound(JsonNode ticket) {
        return ticket.get("timeline").findParents("direction").stream()
                .filter(e -> "OUTBOUND".equals(e.get("direction").asText())).toList();
    }

    private static List<String> outboundTexts(JsonNode ticket) {
        return outbound(ticket).stream().map(e -> e.get("text").asText().strip()).toList();
    }

    private List<LoggedRequest> repliesWithText(String text) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).stream()
                .filter(request -> text.equals(Api.read(request.getBodyAsString()).path("text").asText().strip()))
                .toList();
    }

    private int logLinesContaining(String text) {
        return (int) switchboard.logLines().stream().filter(line -> line.contains(text)).count();
    }

    // --- RT side ---------------------------------------------------------------------------------

    /** The single RT ticket carrying the marker of Switchboard ticket {@code ticket}. */
    private long awaitRtTicket(long ticket) {
        List<Long> marked = await("an RT ticket marked with Switchboard ticket " + ticket,
                () -> rt.ticketsMarked(MARKER, ticket), found -> !found.isEmpty());
        assertEquals(1, marked.size(), "one RT ticket for Switchboard ticket " + ticket + ": " + marked);
        return marked.get(0);
    }

    /** The correspondence on an RT ticket written as {@code requestor}, oldest first. */
    private List<Rt.Transaction> correspondenceTransactions(long rtTicket, String requestor) {
        return rt.transactions(rtTicket).stream()
                .filter(t -> "Correspond".equals(t.type()) && requestor.equals(t.creator()))
                .toList();
    }

    /** The texts of the correspondence on an RT ticket written as {@code requestor}, oldest first. */
    private List<String> correspondence(long rtTicket, String requestor) {
        return correspondenceTransactions(rtTicket, requestor).stream().map(t -> rt.text(t.id())).toList();
    }

    /** Waits until the requestor's correspondence has all of {@code texts}; fails on one more or a repeat. */
    private void awaitCorrespondence(long rtTicket, String requestor, List<String> texts) {
        // Counting is one request; the texts are read once, so the test competes little with the bridge for RT.
        await("correspondence from " + requestor + " on RT ticket " + rtTicket + ": " + texts,
                () -> correspondenceTransactions(rtTicket, requestor), now -> now.size() >= texts.size());
        List<String> found = correspondence(rtTicket, requestor);
        assertEquals(Set.copyOf(texts), Set.copyOf(found), "RT ticket " + rtTicket + " has " + found);
        assertEquals(texts.size(), found.size(), "RT ticket " + rtTicket + " has a message twice: " + found);
    }

    private void assertRequestorAndCorrespondence(String senderId, String requestor, String realName, String text) {
        long ticket = ticketOf(senderId);
        long rtTicket = awaitRtTicket(ticket);
        JsonNode rtView = rt.ticket(rtTicket);
        assertEquals(List.of(requestor), rt.requestors(rtTicket), rtView.toString());
        JsonNode user = rt.userNamed(requestor).orElseThrow(() -> new AssertionError("no RT user " + requestor));
        assertEquals(requestor, user.path("EmailAddress").asText());
        assertEquals(realName, user.path("RealName").asText());
        assertEquals(api.json("/api/v1/tickets/" + ticket).get("subject").asText(), rtView.get("Subject").asText());
        assertTrue(rt.ticketIds("Queue = 'General'").contains(rtTicket), "in the default queue");
        awaitCorrespondence(rtTicket, requestor, List.of(text));
    }

    // --- waiting ---------------------------------------------------------------------------------

    /** Polls {@code probe} until {@code done}; a probe that fails (RT restarting) is tried again. */
    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = null;
        Throwable lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + PATIENCE.toSeconds() + " s: " + what + "; last: " + last
                        + (lastError == null ? "" : "; last error: " + lastError), lastError);
            }
            Api.sleep(500);
        }
    }
}
