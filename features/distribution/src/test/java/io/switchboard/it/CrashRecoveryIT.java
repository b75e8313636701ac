package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kill -9 loses nothing that was acknowledged, and replies still waiting go out after the restart. */
class CrashRecoveryIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String SECRET = "a-long-shared-secret-0123456789";

    @Test
    void nothingAcknowledgedIsLostAndPendingRepliesResume() {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post("/replies").willReturn(aResponse().withStatus(503)));
        try (SwitchboardProcess switchboard = SwitchboardProcess.builder()
                .systemProperty("switchboard.outbox.initialBackoffMillis", "200").start()) {
            Api api = new Api(switchboard);
            switchboard.awaitHttp("/health", 200, SOON);
            api.await("/api/v1/channel-types", types -> types.toString().contains("\"webhook-generic\""), SOON);
            assertEquals(201, api.post("/api/v1/channel-instances", Map.of("id", "crash", "type", "webhook-generic",
                    "configuration", Map.of("callbackUrl", receiver.baseUrl() + "/replies", "secret", SECRET))).statusCode());

            int total = 40;
            for (int i = 0; i < total - 1; i++) {
                assertEquals(200, api.hook("/hooks/crash/messages", ChannelFlowIT.message("c-" + i, "victim", "message " + i), SECRET)
                        .statusCode());
            }
            long ticket = api.json("/api/v1/tickets?channel=crash").get("items").get(0).get("id").asLong();
            assertEquals(202, api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", "we are on it")).statusCode());
            awaitRequests(receiver, 1);
            // The last acknowledgement comes right before the kill: it must survive it.
            assertEquals(200, api.hook("/hooks/crash/messages", ChannelFlowIT.message("c-" + (total - 1), "victim", "last words"),
                    SECRET).statusCode());

            assertEquals(137, switchboard.kill());
            receiver.resetAll();
            receiver.stubFor(post("/replies").willReturn(aResponse().withStatus(200)));
            switchboard.restart();
            switchboard.awaitHttp("/health", 200, SOON);

            JsonNode detail = api.await("/api/v1/tickets/" + ticket,
                    t -> "SENT".equals(ChannelFlowIT.outbound(t).get("deliveryStatus").asText()), SOON);
            List<String> texts = ChannelFlowIT.texts(detail);
            assertEquals(total, texts.size());
            assertEquals(total, new HashSet<>(texts).size());
            assertEquals("last words", texts.get(total - 1));
            Api.sleep(1000);
            List<LoggedRequest> after = receiver.findAll(postRequestedFor(urlEqualTo("/replies")));
            assertEquals(1, after.size(), "the pending reply went out once after the restart");
        } finally {
            receiver.stop();
        }
    }

    private static void awaitRequests(WireMockServer receiver, int count) {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver was never called");
            }
            Api.sleep(20);
        }
    }
}
