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
import java.nio.file.Files;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Request Tracker bridge end to end: a real RT 5 (installed and started by {@code rt5.sh}), the
 * assembled Switchboard with the bridge jar and its configuration dropped into {@code deploy/}, and the
 * generic webhook channel, whose outbound endpoint WireMock plays.
 *
 * <p>Starting Switchboard and resetting RT take most of a minute on a loaded machine, so the class shares
 * one freshly reset RT and one Switchboard. The tests stay independent of each other and of their order:
 * each has customers, event ids and RT tickets of its own and looks only at those, and each leaves RT
 * running and the bridge deployed.
 */
class RequestTrackerIT {
    /** RT answers in tens of milliseconds, but the bridge backs off after failures. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration SOON = Duration.ofSeconds(60);
    /** Several of the bridge's poll cycles (pollSeconds = 1): time for a duplicate or an echo to show. */
    private static final long SETTLE_MILLIS = 5000;
    /** Between probes of Switchboard. */
    private static final long PROBE_MILLIS = 250;
    /** Between probes of RT, which takes a few hundred milliseconds to answer one and is busy with the bridge. */
    private static final long RT_PROBE_MILLIS = 500;

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

    /** Until the shared set-up is through and while every test passes; a failure keeps the home for a look. */
    private static boolean failed;

    @RegisterExtension
    static final AfterTestExecutionCallback FAILURES = context -> {
        if (context.getExecutionException().isPresent()) {
            failed = true;
        }
    };

    private static long began;
    private static URI rtUrl;
    private static Rt rt;
    private static Rt agent;
    private static WireMockServer receiver;
    private static Path home;
    private static SwitchboardProcess switchboard;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        failed = true; // until the set-up is through: a home whose set-up failed is kept too
        began = System.nanoTime();
        // RT is reset while Switchboard starts; the bridge is configured only once both are up, so that it
        // never sees the RT of an earlier run.
        CompletableFuture<URI> resetRt = CompletableFuture.supplyAsync(() -> {
            URI url = Rt5Server.reset();
            step("RT reset");
            return url;
        });
        try {
            receiver = new WireMockServer(options().dynamicPort());
            receiver.start();
            receiver.stubFor(post("/replies").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"id\":\"ext-1\"}")));

            home = SwitchboardProcess.newHome();
            // Installed with the rest at start-up rather than found by a later scan of deploy/.
            Files.copy(SwitchboardProcess.connector("switchboard-bridge-rt"),
                    Files.createDirectories(home.resolve("deploy")).resolve(BRIDGE_JAR));
            // A short first back-off: after RT's outage the bridge retries within seconds, not tens of them.
            switchboard = SwitchboardProcess.builder().home(home)
                    .systemProperty("switchboard.bridges.initialBackoffMillis", "200")
                    .systemProperty("switchboard.bridges.pollMillis", "200")
                    .start();
        } finally {
            rtUrl = resetRt.get(Rt5Server.INSTALL_AND_START.toSeconds(), TimeUnit.SECONDS);
        }
        rt = new Rt(rtUrl, "root", "password");
        agent = rt.createAgent(AGENT, "agent1-secret", AGENT_NAME);
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
        step("Switchboard started");
        api.await("/api/v1/channel-types", types -> types.toString().contains("\"webhook-generic\""), SOON);
        HttpResponse<String> created = api.post("/api/v1/channel-instances", Map.of("id", CHANNEL, "type", "webhook-generic",
                "configuration", Map.of("callbackUrl", receiver.baseUrl() + "/replies", "secret", SECRET)));
        assertEquals(201, created.statusCode(), created.body());
        api.await("/api/v1/channel-instances/" + CHANNEL, i -> i.get("active").asBoolean(), SOON);

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

    /** Whatever ran before, a test starts with the bridge following RT. */
    @BeforeEach
    void ready(TestInfo test) {
        began = System.nanoTime();
        step(test.getDisplayName());
        awaitBridge("ONLINE");
    }

    /** RT runs as root in the background; it is not left behind after the tests. */
    @AfterAll
    static void stop() {
        try {
            try {
                if (switchboard != null) {
                    switchboard.close();
                }
                if (failed) {
                    System.out.println("RequestTrackerIT: kept the Switchboard home of the failed run: " + home);
                } else if (home != null) {
                    DistributionCopy.delete(home);
                }
            } finally {
                if (receiver != null) {
                    receiver.stop();
                }
            }
        } finally {
            Rt5Server.stop();
        }
    }

    @Test
    void aWebhookMessageBecomesAnRtTicketWithTheCustomerAsRequestorAndTheMessageAsTheirCorrespondence() {
        String erin = "supporterin-7" + STABLE_DOMAIN;
        hook("erin-7-1", customer("erin-7", "Erin External", null), "My parcel never arrived");
        hook("mia-3-1", customer("mia-3", "Mia Mail", "mia@example.org"), "Please change my delivery address");

        // Known only by the generic channel's id: the admin's stable address, built from that identity.
        long erinRt = assertRequestorAndCorrespondence("erin-7", erin, "Erin External", "My parcel never arrived");
        step("first message in RT");
        // Known by an e-mail address: that address.
        long miaRt = assertRequestorAndCorrespondence("mia-3", "mia@example.org", "Mia Mail",
                "Please change my delivery address");
        assertEquals(List.of(erinRt), rt.ticketIds(requestedBy(erin)), "one RT ticket per Switchboard ticket");
        assertEquals(List.of(miaRt), rt.ticketIds(requestedBy("mia@example.org")), "one RT ticket per Switchboard ticket");
    }

    @Test
    void aStaffReplyInRtReachesTheCustomerOnTheirChannelOnceAndDoesNotEcho() {
        String requestor = "supportsam-1" + STABLE_DOMAIN;
        hook("sam-1-1", customer("sam-1", "Sam Sender", null), "Where is my refund?");
        long ticket = ticketOf("sam-1");
        long rtTicket = awaitRtTicket(ticket);
        awaitCorrespondence(rtTicket, requestor, List.of("Where is my refund?"));
        step("message in RT");

        String reply = "The refund was sent yesterday, it shows within 3 days.";
        long replyTransaction = agent.correspond(rtTicket, reply);

        LoggedRequest sent = await("the reply at the channel's outbound endpoint", () -> repliesWithText(reply),
                found -> !found.isEmpty()).get(0);
        // A second send or an echo into RT would follow the first send within the quiet period, which
        // runs while the rest is checked.
        long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
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

        sleepUntil(quietUntil);
        assertEquals(1, repliesWithText(reply).size(), "the reply was sent once");
        assertEquals(1, repliesTo("sam-1").size(), "and nothing else was sent to the customer");
        assertEquals(List.of(reply), outboundTexts(api.json("/api/v1/tickets/" + ticket)), "one reply on the timeline");
        List<Rt.Transaction> correspondence = rt.transactions(rtTicket).stream()
                .filter(t -> "Correspond".equals(t.type())).toList();
        assertEquals(List.of(requestor, AGENT), correspondence.stream().map(Rt.Transaction::creator).toList(),
                "the reply is not written into RT a second time: " + correspondence);
        assertEquals(replyTransaction, correspondence.get(1).id());
    }

    @Test
    void statusChangesAreSynchronisedBothWays() {
        hook("tia-2-1", customer("tia-2", "Tia Status", null), "My invoice is wrong");
        long ticket = ticketOf("tia-2");
        long rtTicket = awaitRtTicket(ticket);
        awaitCorrespondence(rtTicket, "supporttia-2" + STABLE_DOMAIN, List.of("My invoice is wrong"));

        HttpResponse<String> patched = api.patch("/api/v1/tickets/" + ticket, Map.of("status", "PENDING"));
        assertEquals(200, patched.statusCode(), patched.body());
        awaitRt("RT ticket " + rtTicket + " stalled", () -> rt.status(rtTicket), "stalled"::equals);
        step("PENDING reached RT");

        agent.setStatus(rtTicket, "resolved");
        api.await("/api/v1/tickets/" + ticket, t -> "SOLVED".equals(t.get("status").asText()), PATIENCE);
        step("resolved reached Switchboard");

        Api.sleep(SETTLE_MILLIS);
        assertEquals("resolved", rt.status(rtTicket), "no change bounced back into RT: " + rt.transactions(rtTicket));
        assertEquals("SOLVED", api.json("/api/v1/tickets/" + ticket).get("status").asText());
        assertEquals(List.of(), repliesTo("tia-2"), "a status change sends nothing");
    }

    /**
     * Messages arrive in four groups: before the bundle is updated (the first already mirrored into RT, so
     * the bridge is mid-stream), while it is being updated, while it is uninstalled and installed again,
     * and after it started again. Each group waits for its moment, so all four happen on any machine.
     */
    @Test
    void restartingTheBridgeBundleMidStreamDuplicatesNothingInRt() throws Exception {
        List<String> senders = List.of("ria-1", "ria-2");
        int total = 6;
        int beforeUpdate = 2;
        int beforeUninstall = 4;
        int beforeRestart = 5;
        CountDownLatch updating = new CountDownLatch(1);
        CountDownLatch uninstalling = new CountDownLatch(1);
        CountDownLatch restarted = new CountDownLatch(1);
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> provider = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                CountDownLatch gate = i == beforeUpdate ? updating : i == beforeUninstall ? uninstalling
                        : i == beforeRestart ? restarted : null;
                if (gate != null && !await(gate)) {
                    unexpected.add("message " + i + " was never let through");
                    return;
                }
                String sender = senders.get(i % senders.size());
                HttpResponse<String> response = api.hook("/hooks/" + CHANNEL + "/messages",
                        message("ria-r-" + i, customer(sender, "Customer " + sender, null), "message " + i + " from " + sender),
                        SECRET);
                if (response.statusCode() != 200) {
                    unexpected.add(response.statusCode() + " " + response.body());
                    return;
                }
                acknowledged.incrementAndGet();
                Api.sleep(150);
            }
        });
        try {
            Path jar = SwitchboardProcess.connector("switchboard-bridge-rt");
            int startedBefore = logLinesContaining("Bundle started: " + BRIDGE_BUNDLE);
            await(beforeUpdate + " messages acknowledged", acknowledged::get, n -> n >= beforeUpdate);
            String first = "support" + senders.get(0) + STABLE_DOMAIN;
            awaitRt("the first message mirrored into RT", () -> rt.ticketsMarked(MARKER, ticketOf(senders.get(0))).stream()
                    .mapToInt(rtTicket -> correspondenceTransactions(rtTicket, first).size()).sum(), n -> n >= 1);
            assertEquals(beforeUpdate, acknowledged.get(), "messages stored before the update");
            step("first message in RT");
            switchboard.deploy(TestBundles.withVersion(jar, "1.0.1.updated", scratch), BRIDGE_JAR);
            updating.countDown();
            switchboard.awaitLog("Bundle updated: " + BRIDGE_BUNDLE + " 1.0.1.updated", SOON);
            step("bundle updated");

            await(beforeUninstall + " messages acknowledged", acknowledged::get, n -> n >= beforeUninstall);
            switchboard.undeploy(BRIDGE_JAR);
            uninstalling.countDown();
            switchboard.awaitLog("Bundle uninstalled: " + BRIDGE_BUNDLE, SOON);
            switchboard.deploy(jar, BRIDGE_JAR);
            await("the bridge bundle started twice more", () -> logLinesContaining("Bundle started: " + BRIDGE_BUNDLE),
                    n -> n >= startedBefore + 2);
            assertEquals(beforeRestart, acknowledged.get(), "messages stored before the bundle started again");
            restarted.countDown();
            step("bundle reinstalled");

            provider.get(SOON.toSeconds(), TimeUnit.SECONDS);
        } finally {
            updating.countDown();
            uninstalling.countDown();
            restarted.countDown();
        }
        assertEquals(List.of(), unexpected);
        assertEquals(total, acknowledged.get(), "all messages stored, " + (total - beforeRestart) + " after the restart");
        awaitBridge("ONLINE");
        step("all " + total + " messages acknowledged");

        Map<String, Long> rtTickets = new LinkedHashMap<>();
        Map<String, List<Long>> stored = new LinkedHashMap<>();
        for (String sender : senders) {
            long rtTicket = awaitRtTicket(ticketOf(sender));
            rtTickets.put(sender, rtTicket);
            List<String> expected = new ArrayList<>();
            for (int i = senders.indexOf(sender); i < total; i += senders.size()) {
                expected.add("message " + i + " from " + sender);
            }
            awaitCorrespondence(rtTicket, "support" + sender + STABLE_DOMAIN, expected);
            stored.put(sender, correspondenceIds(rtTicket, "support" + sender + STABLE_DOMAIN));
        }
        step("all messages in RT");

        Api.sleep(SETTLE_MILLIS);
        for (String sender : senders) {
            String requestor = "support" + sender + STABLE_DOMAIN;
            assertEquals(List.of(rtTickets.get(sender)), rt.ticketIds(requestedBy(requestor)), "one RT ticket per customer");
            long switchboardTicket = ticketOf(sender);
            assertEquals(List.of(rtTickets.get(sender)), rt.ticketsMarked(MARKER, switchboardTicket));
            // The texts were checked, each once, when they arrived; since then nothing was added.
            assertEquals(stored.get(sender), correspondenceIds(rtTickets.get(sender), requestor),
                    "no message written again on RT ticket " + rtTickets.get(sender));
        }
    }

    @Test
    void messagesArrivingWhileRtIsDownLandOnceWhenItIsBack() {
        String dan = "supportdan-1" + STABLE_DOMAIN;
        String eve = "supporteve-2" + STABLE_DOMAIN;
        hook("dan-1-0", customer("dan-1", "Dan Down", null), "first, while RT is up");
        long danTicket = ticketOf("dan-1");
        long danRt = awaitRtTicket(danTicket);
        awaitCorrespondence(danRt, dan, List.of("first, while RT is up"));

        List<String> danTexts = new ArrayList<>(List.of("first, while RT is up"));
        List<String> eveTexts = new ArrayList<>();
        Rt5Server.stop();
        try {
            for (int i = 1; i <= 2; i++) {
                danTexts.add("dan " + i + " while RT is down");
                hook("dan-1-" + i, customer("dan-1", "Dan Down", null), danTexts.get(i));
                eveTexts.add("eve " + i + " while RT is down");
                hook("eve-2-" + i, customer("eve-2", "Eve Waiting", null), eveTexts.get(i - 1));
            }
            step("RT stopped, messages sent");
            JsonNode degraded = awaitBridge("DEGRADED");
            step("bridge DEGRADED");
            assertEquals("COMMUNICATION_ERROR", degraded.path("reason").asText(), degraded.toString());
            assertTrue(!degraded.path("message").asText().isBlank(), "DEGRADED says why: " + degraded);
            System.out.println("RT bridge while RT is down: " + degraded);
        } finally {
            // The other tests need RT, whatever happened here.
            Rt5Server.start();
            step("RT started");
        }
        awaitBridge("ONLINE");
        step("bridge ONLINE");
        assertEquals(danTexts, awaitCorrespondence(danRt, dan, danTexts), "each of Dan's messages once, in order");
        List<Long> danStored = correspondenceIds(danRt, dan);
        long eveRt = awaitRtTicket(ticketOf("eve-2"));
        assertEquals(eveTexts, awaitCorrespondence(eveRt, eve, eveTexts), "each of Eve's messages once, in order");
        List<Long> eveStored = correspondenceIds(eveRt, eve);
        step("all messages in RT");

        Api.sleep(SETTLE_MILLIS);
        assertEquals(List.of(danRt), rt.ticketIds(requestedBy(dan)), "one RT ticket per customer");
        assertEquals(List.of(eveRt), rt.ticketIds(requestedBy(eve)), "one RT ticket per customer");
        assertEquals(danStored, correspondenceIds(danRt, dan), "none of Dan's messages written again");
        assertEquals(eveStored, correspondenceIds(eveRt, eve), "none of Eve's messages written again");
        assertEquals(List.of(eve), rt.requestors(eveRt));
    }

    /** Progress with the time since the set-up began, to see where a slow run spends its time. */
    private static void step(String what) {
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
    private static JsonNode awaitBridge(String status) {
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

    /** What was sent to the generic channel's customer {@code recipientId}. */
    private List<LoggedRequest> repliesTo(String recipientId) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).stream()
                .filter(request -> recipientId.equals(Api.read(request.getBodyAsString()).path("recipient").path("id").asText()))
                .toList();
    }

    private int logLinesContaining(String text) {
        return (int) switchboard.logLines().stream().filter(line -> line.contains(text)).count();
    }

    // --- RT side ---------------------------------------------------------------------------------

    /** The single RT ticket carrying the marker of Switchboard ticket {@code ticket}. */
    private long awaitRtTicket(long ticket) {
        List<Long> marked = awaitRt("an RT ticket marked with Switchboard ticket " + ticket,
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

    /**
     * Waits until the requestor's correspondence has all of {@code texts}; fails on one more or a repeat.
     * Returns the texts in RT's order.
     */
    private List<String> awaitCorrespondence(long rtTicket, String requestor, List<String> texts) {
        // Counting is one request; the texts are read once, so the test competes little with the bridge for RT.
        awaitRt("correspondence from " + requestor + " on RT ticket " + rtTicket + ": " + texts,
                () -> correspondenceTransactions(rtTicket, requestor), now -> now.size() >= texts.size());
        List<String> found = correspondence(rtTicket, requestor);
        assertEquals(Set.copyOf(texts), Set.copyOf(found), "RT ticket " + rtTicket + " has " + found);
        assertEquals(texts.size(), found.size(), "RT ticket " + rtTicket + " has a message twice: " + found);
        return found;
    }

    /** The ids of the requestor's correspondence: after a quiet period, the same ids mean nothing was added. */
    private List<Long> correspondenceIds(long rtTicket, String requestor) {
        return correspondenceTransactions(rtTicket, requestor).stream().map(Rt.Transaction::id).toList();
    }

    /** TicketSQL for the tickets whose requestors include {@code address}. */
    private static String requestedBy(String address) {
        return "Requestor.EmailAddress = '" + address + "'";
    }

    /** Checks the RT ticket of the customer's Switchboard ticket; returns its id. */
    private long assertRequestorAndCorrespondence(String senderId, String requestor, String realName, String text) {
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
        return rtTicket;
    }

    // --- waiting ---------------------------------------------------------------------------------

    /** Polls {@code probe} until {@code done}; a probe that fails (RT restarting) is tried again. */
    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        return await(what, probe, done, PROBE_MILLIS);
    }

    private static <T> T awaitRt(String what, Supplier<T> probe, Predicate<T> done) {
        return await(what, probe, done, RT_PROBE_MILLIS);
    }

    private static <T> T await(String what, Supplier<T> probe, Predicate<T> done, long intervalMillis) {
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
            Api.sleep(intervalMillis);
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Api.sleep(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }
}
