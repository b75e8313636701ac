package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.channels.ChannelStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /** An instance id with every character the format must escape. */
    private static final String AWKWARD = "odd \"name\" \\ with\nnewline";
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
        long customer = api.tickets.addCustomer("Metrics", "+14155550199").id();
        api.tickets.addTicket(customer, "a", TicketStatus.OPEN, "m", "sms-main");
        api.tickets.addTicket(customer, "b", TicketStatus.OPEN, "m", "sms-main");
        api.tickets.addTicket(customer, "c", TicketStatus.SOLVED, "m", "sms-main");
        api.channels.put("sms-main", Health.online());
        api.channels.put(AWKWARD, Health.offline(Health.Reason.COMMUNICATION_ERROR, "down"));
        api.channels.setStats(List.of(
                new ChannelStats("sms-main", "sms-fake", 12, 3, 1, 9, 2, 1, 4),
                new ChannelStats(AWKWARD, "sms-fake", 5, 0, 0, 0, 0, 0, 0)));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static PrometheusText scrape() {
        ApiFixture.ApiResponse response = api.get("/metrics", null);
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("text/plain; version=0.0.4"), response.contentType());
        return PrometheusText.parse(response.body());
    }

    @Test
    void channelCountersCarryInstanceTypeAndOutcome() {
        PrometheusText metrics = scrape();
        assertEquals("counter", metrics.types.get("switchboard_inbound_events_total"));
        assertEquals(12.0, value(metrics, "switchboard_inbound_events_total",
                Map.of("instance", "sms-main", "type", "sms-fake", "outcome", "accepted")));
        assertEquals(3.0, value(metrics, "switchboard_inbound_events_total",
                Map.of("instance", "sms-main", "type", "sms-fake", "outcome", "duplicate")));
        assertEquals(1.0, value(metrics, "switchboard_inbound_events_total",
                Map.of("instance", "sms-main", "type", "sms-fake", "outcome", "rejected")));
        assertEquals(9.0, value(metrics, "switchboard_outbound_messages_total",
                Map.of("instance", "sms-main", "type", "sms-fake", "outcome", "sent")));
        assertEquals(2.0, value(metrics, "switchboard_outbound_messages_total",
                Map.of("instance", "sms-main", "type", "sms-fake", "outcome", "retried")));
        assertEquals(1.0, value(metrics, "switchboard_outbound_messages_total",
                Map.of("instance", "sms-main", "type", "sms-fake", "outcome", "failed")));
        assertEquals("gauge", metrics.types.get("switchboard_outbox_pending"));
        assertEquals(4.0, value(metrics, "switchboard_outbox_pending", Map.of("instance", "sms-main", "type", "sms-fake")));
    }

    @Test
    void labelValuesAreEscaped() {
        PrometheusText metrics = scrape();
        assertEquals(5.0, value(metrics, "switchboard_inbound_events_total",
                Map.of("instance", AWKWARD, "type", "sms-fake", "outcome", "accepted")));
        assertEquals(0.0, value(metrics, "switchboard_channel_up", Map.of("instance", AWKWARD, "type", "sms-fake")));
        assertEquals(1.0, value(metrics, "switchboard_channel_up", Map.of("instance", "sms-main", "type", "sms-fake")));
    }

    @Test
    void ticketsAreCountedPerStatus() {
        PrometheusText metrics = scrape();
        assertEquals(2.0, value(metrics, "switchboard_tickets", Map.of("status", "OPEN")));
        assertEquals(1.0, value(metrics, "switchboard_tickets", Map.of("status", "SOLVED")));
        assertEquals(0.0, value(metrics, "switchboard_tickets", Map.of("status", "CLOSED")));
        assertEquals(TicketStatus.values().length, metrics.samples("switchboard_tickets").size());
    }

    @Test
    void jvmMemoryAndUptimeAreThere() {
        PrometheusText metrics = scrape();
        assertTrue(value(metrics, "jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(value(metrics, "jvm_memory_committed_bytes", Map.of("area", "nonheap")) > 0);
        assertTrue(value(metrics, "process_uptime_seconds", Map.of()) > 0);
        assertTrue(value(metrics, "process_start_time_seconds", Map.of()) > 1.6e9);
    }

    @Test
    void missingServicesAreReportedNotFailed() {
        api.services.clearChannels(api.channels);
        try {
            PrometheusText metrics = scrape();
            assertEquals(0.0, value(metrics, "switchboard_service_up", Map.of("service", "channels")));
            assertEquals(1.0, value(metrics, "switchboard_service_up", Map.of("service", "store")));
            assertTrue(metrics.samples("switchboard_inbound_events_total").isEmpty());
        } finally {
            api.services.setChannels(api.channels);
        }
    }

    private static double value(PrometheusText metrics, String name, Map<String, String> labels) {
        return metrics.sample(name, labels)
                .orElseThrow(() -> new AssertionError("no " + name + labels + " in " + metrics.samples))
                .value();
    }
}
