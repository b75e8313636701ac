package io.switchboard.bridge.rt.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.bridge.rt.internal.Fixtures.INSTANCE;
import static io.switchboard.bridge.rt.internal.Fixtures.REST;
import static io.switchboard.bridge.rt.internal.Fixtures.json;
import static io.switchboard.bridge.rt.internal.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.switchboard.api.bridge.ApplyResult;
import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ModelChange;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RT down, slow or refusing: the work stays queued and health says why. */
class HealthTest {

    @RegisterExtension
    static final WireMockExtension RT = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private FakeBridgeContext context;
    private RtBridge bridge;

    @BeforeEach
    void setUp() {
        context = new FakeBridgeContext(INSTANCE, Fixtures.configuration(RT.baseUrl()));
        RtSettings settings = RtSettings.from(context.configuration());
        // A short request timeout, so a slow RT is told apart from a working one without waiting 15 s.
        bridge = new RtBridge(context, settings,
                new RtClient(settings.url(), "root", "password", Duration.ofSeconds(2), Duration.ofMillis(500)));
        context.customers.put(5L, v(Fixtures.phoneCustomer(5, "Ada Lovelace", "+14155550100"), 1));
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.NEW, null, null, 5), 3));
    }

    @AfterEach
    void tearDown() {
        bridge.dispose();
        context.close();
    }

    private ApplyResult applyTicket() {
        return bridge.apply(new ModelChange(1, EntityKind.TICKET, 42, 42L, Instant.now()));
    }

    @Test
    void rtAnswering5xxMeansRetryAndDegradedWithTheReason() {
        Fixtures.rtIsReady(RT);
        RT.stubFor(get(urlPathEqualTo(REST + "tickets")).willReturn(json(503, "{\"message\":\"Service Unavailable\"}")));

        ApplyResult result = applyTicket();

        assertInstanceOf(ApplyResult.Retry.class, result);
        Health health = context.lastHealth();
        assertEquals(Health.Status.DEGRADED, health.status());
        assertEquals(Health.Reason.COMMUNICATION_ERROR, health.reason());
        assertTrue(health.message().contains("503"), health.message());
        assertFalse(context.refs.containsKey("TICKET:42"));

        // RT is back: the same change goes through and health recovers.
        RT.stubFor(get(urlPathEqualTo(REST + "tickets"))
                .willReturn(json(200, "{\"items\":[{\"id\":\"17\",\"type\":\"ticket\"}],\"count\":1,\"total\":1}")));
        RT.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(REST + "ticket/17"))
                .willReturn(json(200, "[]")));
        assertInstanceOf(ApplyResult.Applied.class, applyTicket());
        assertEquals(Health.online(), context.lastHealth());
    }

    @Test
    void aSlowRtMeansRetryAndDegraded() {
        Fixtures.rtIsReady(RT);
        RT.stubFor(get(urlPathEqualTo(REST + "tickets")).willReturn(json(200, "{\"items\":[]}").withFixedDelay(3000)));

        assertInstanceOf(ApplyResult.Retry.class, applyTicket());
        assertEquals(Health.Status.DEGRADED, context.lastHealth().status());
        assertEquals(Health.Reason.COMMUNICATION_ERROR, context.lastHealth().reason());
        assertTrue(context.lastHealth().message().contains("did not answer"), context.lastHealth().message());
    }

    @Test
    void anUnreachableRtMeansRetryAndDegraded() {
        RtSettings settings = RtSettings.from(Fixtures.configuration("http://127.0.0.1:9"));
        RtBridge unreachable = new RtBridge(context, settings, new RtClient(settings.url(), "root", "password"));

        assertInstanceOf(ApplyResult.Retry.class, unreachable.apply(new ModelChange(1, EntityKind.TICKET, 42, 42L, Instant.now())));
        assertEquals(Health.Status.DEGRADED, context.lastHealth().status());
        assertTrue(context.lastHealth().message().contains("cannot be reached"), context.lastHealth().message());
    }

    @Test
    void refusedCredentialsMeanOfflineWithAConfigurationErrorNamingThePassword() {
        RT.stubFor(get(urlPathEqualTo(REST + "user/root")).willReturn(json(401, "{\"message\":\"Unauthorized\"}")));

        ApplyResult result = applyTicket();

        assertInstanceOf(ApplyResult.Retry.class, result);
        Health health = context.lastHealth();
        assertEquals(Health.Status.OFFLINE, health.status());
        assertEquals(Health.Reason.CONFIGURATION_ERROR, health.reason());
        assertTrue(health.message().startsWith("password:"), health.message());
        assertTrue(health.message().contains("'root'"), health.message());

        // The poll reports the same, and does not move the cursor.
        bridge.poll();
        assertEquals(Health.Status.OFFLINE, context.lastHealth().status());
        assertTrue(context.state.isEmpty());
    }

    @Test
    void theMailGatewayRefusingIsRetriedAndDegradedNotSkipped() {
        Fixtures.rtIsReady(RT);
        context.refs.put("TICKET:42", new io.switchboard.api.bridge.ExternalRef(EntityKind.TICKET, 42, "17", 3));
        context.entries.put(7L, v(Fixtures.inbound(7, "Ada", "Hello", java.util.List.of()), 1));
        RT.stubFor(post(urlPathEqualTo(REST + "attachments")).willReturn(json(200, Fixtures.attachmentsFound(null))));
        RT.stubFor(post(urlPathEqualTo(Fixtures.GATEWAY)).withMultipartRequestBody(com.github.tomakehurst.wiremock.client.WireMock.aMultipart().withName("action")
                        .withBody(equalTo("correspond")))
                .willReturn(aResponse().withStatus(200).withBody("not ok - operation unsuccessful\n")));

        ApplyResult result = bridge.apply(new ModelChange(2, EntityKind.ENTRY, 7, 42L, Instant.now()));

        assertInstanceOf(ApplyResult.Retry.class, result);
        assertEquals(Health.Reason.PROVIDER_ERROR, context.lastHealth().reason());
        assertFalse(context.refs.containsKey("ENTRY:7"));

        // Reading RT still works, but the waiting change keeps health degraded until it goes through.
        RT.stubFor(post(urlPathEqualTo(REST + "transactions")).withQueryParam("order", equalTo("ASC"))
                .willReturn(json(200, "{\"items\":[],\"count\":0}")));
        bridge.poll();
        assertEquals(Health.Reason.PROVIDER_ERROR, context.lastHealth().reason());
    }

    @Test
    void theMarkerFieldIsCreatedForAllQueuesWhenRtHasNone() {
        RT.stubFor(get(urlPathEqualTo(REST + "user/root")).willReturn(json(200, "{\"Name\":\"root\",\"EmailAddress\":\"root@localhost\"}")));
        RT.stubFor(post(urlPathEqualTo(REST + "customfields")).willReturn(json(200, "{\"items\":[],\"count\":0,\"total\":0}")));
        RT.stubFor(post(urlPathEqualTo(REST + "customfield")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"Name\":\"Switchboard Ticket\",\"Type\":\"FreeformSingle\",\"LookupType\":\"RT::Queue-RT::Ticket\","
                                + "\"Description\":\"${json-unit.any-string}\",\"Queue\":0}"))
                .willReturn(json(201, "{\"id\":\"3\",\"type\":\"customfield\"}")));
        RT.stubFor(post(urlPathEqualTo(REST + "transactions")).withQueryParam("order", equalTo("DESC"))
                .willReturn(json(200, "{\"items\":[],\"count\":0}")));
        RT.stubFor(post(urlPathEqualTo(REST + "transactions")).withQueryParam("order", equalTo("ASC"))
                .willReturn(json(200, "{\"items\":[],\"count\":0}")));

        bridge.poll();

        RT.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(REST + "customfield")));
        assertEquals("0", context.state.get(RtBridge.CURSOR_KEY));
        assertEquals(Health.online(), context.lastHealth());
    }

    @Test
    void startedByTheTypeTheBridgeChecksRtOnTheSchedulerAndReportsOnline() throws Exception {
        Fixtures.rtIsReady(RT);
        RT.stubFor(post(urlPathEqualTo(REST + "transactions")).withQueryParam("order", equalTo("ASC"))
                .willReturn(json(200, "{\"items\":[],\"count\":0}")));
        FakeBridgeContext started = new FakeBridgeContext(INSTANCE, Fixtures.configuration(RT.baseUrl()));
        var instance = new RtBridgeType().create(started);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Health.online().equals(started.lastHealth()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Health.online(), started.lastHealth());
            assertEquals("40", started.state.get(RtBridge.CURSOR_KEY));
        } finally {
            instance.dispose();
            started.close();
        }
    }
}
