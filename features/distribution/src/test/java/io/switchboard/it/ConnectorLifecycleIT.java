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
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector jar dropped in, updated and removed while a provider keeps sending. */
class ConnectorLifecycleIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String SECRET = "a-long-shared-secret-0123456789";
    private static final String JAR = "webhook-generic.jar";
    private static final String CONFIG = "switchboard.channel.webhook_generic-live.cfg";

    @TempDir
    Path scratch;

    private WireMockServer receiver;
    private SwitchboardProcess switchboard;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post("/replies").willReturn(aResponse().withStatus(200)));
        Path home = SwitchboardProcess.newHome();
        try (Stream<Path> jars = Files.list(home.resolve("deploy"))) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        switchboard = SwitchboardProcess.builder().home(home).start();
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
    }

    @AfterEach
    void stop() {
        switchboard.close();
        receiver.stop();
    }

    @Test
    void aDroppedJarServesItsConfiguredInstanceAtOnce() {
        switchboard.writeDeployFile(CONFIG, "callbackUrl=" + receiver.baseUrl() + "/replies\nsecret=" + SECRET + "\n");
        api.await("/api/v1/channel-instances/live", i -> !i.get("active").asBoolean(), SOON);
        assertEquals(503, api.hook("/hooks/live/messages", ChannelFlowIT.message("early", "c", "too early"), SECRET).statusCode(),
                "a configured instance whose connector is missing asks the provider to retry");

        long dropped = System.nanoTime();
        switchboard.deploy(SwitchboardProcess.connector("switchboard-connector-webhook-generic"), JAR);
        int attempt = 0;
        while (api.hook("/hooks/live/messages", ChannelFlowIT.message("hot-" + attempt, "c", "hello"), SECRET).statusCode() != 200) {
            attempt++;
            assertTrue(System.nanoTime() - dropped < SOON.toNanos(), "the channel did not start serving");
        }
        long millis = (System.nanoTime() - dropped) / 1_000_000;
        System.out.println("Hot deploy, jar dropped to channel serving: " + millis + " ms (" + attempt + " retries)");

        JsonNode tickets = api.json("/api/v1/tickets?channel=live");
        assertEquals(1, tickets.get("total").asInt());
        assertEquals(1, ChannelFlowIT.texts(api.json("/api/v1/tickets/" + tickets.get("items").get(0).get("id").asLong())).size(),
                "only the acknowledged request was stored");
    }

    @Test
    void updatingAndRemovingTheConnectorUnderTrafficLosesAndDoublesNothing() throws Exception {
        Path connector = SwitchboardProcess.connector("switchboard-connector-webhook-generic");
        switchboard.deploy(connector, JAR);
        switchboard.writeDeployFile(CONFIG, "callbackUrl=" + receiver.baseUrl() + "/replies\nsecret=" + SECRET + "\n");
        api.await("/api/v1/channel-instances/live", i -> i.get("active").asBoolean(), SOON);

        int total = 120;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger retryable = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> provider = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                String body = ChannelFlowIT.message("evt-" + i, "steady-customer", "message " + i);
                while (true) {
                    HttpResponse<String> response = api.hook("/hooks/live/messages", body, SECRET);
                    if (response.statusCode() == 200) {
                        acknowledged.incrementAndGet();
                        break;
                    }
                    if (response.statusCode() != 503) {
                        unexpected.add(response.statusCode() + " " + response.body());
                        return;
                    }
                    // What a provider does with a 503: deliver the same event again a little later.
                    retryable.incrementAndGet();
                    Api.sleep(20);
                }
                Api.sleep(10);
            }
        });

        awaitAcknowledged(acknowledged, 30);
        switchboard.deploy(TestBundles.withVersion(connector, "1.0.1.updated", scratch), JAR);
        switchboard.awaitLog("Bundle updated: io.switchboard.connector.webhookgeneric", SOON);

        awaitAcknowledged(acknowledged, 60);
        switchboard.undeploy(JAR);
        api.await("/api/v1/channel-instances/live", i -> !i.get("active").asBoolean(), SOON);
        long ticket = api.json("/api/v1/tickets?channel=live").get("items").get(0).get("id").asLong();
        assertEquals(202, api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", "queued while the connector is away"))
                .statusCode());
        Api.sleep(1000);
        assertEquals(0, receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).size(), "nothing can be sent without a connector");
        switchboard.deploy(connector, JAR);

        provider.get();
        assertEquals(List.of(), unexpected);
        assertEquals(total, acknowledged.get());
        assertTrue(retryable.get() > 0, "requests during the gap were answered with 503");
        System.out.println("Connector update and removal under traffic: " + total + " events acknowledged, "
                + retryable.get() + " deliveries answered 503 and retried");

        JsonNode detail = api.json("/api/v1/tickets/" + ticket);
        List<String> texts = ChannelFlowIT.texts(detail);
        assertEquals(total, texts.size(), "every acknowledged event is stored");
        assertEquals(total, new HashSet<>(texts).size(), "and none twice");
        api.await("/api/v1/tickets/" + ticket, t -> "SENT".equals(ChannelFlowIT.outbound(t).get("deliveryStatus").asText()), SOON);
        Api.sleep(1000);
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).size(), "the queued reply went out once");
        assertEquals(Set.of(), Set.copyOf(unexpected));
    }

    private static void awaitAcknowledged(AtomicInteger acknowledged, int count) {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (acknowledged.get() < count) {
            assertTrue(System.nanoTime() < deadline, "the provider stalled at " + acknowledged.get());
            Api.sleep(20);
        }
    }
}
