package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.channels.ChannelStats;
import io.switchboard.tickets.CallStats;
import java.time.LocalDate;
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
        api.tickets.callStats = List.of(
                new CallStats("voice-main", LocalDate.parse("2026-03-02"), 9, 4, 2, 2.0 / 9, 1, 1, 0, 150.0, 12.5, 37.5,
                        0.5, Map.of("client:ada", 4L)),
                new CallStats("voice-quiet", LocalDate.parse("2026-03-02"), 1, 0, 0, 0.0, 0, 0, 0, null, null, null, null,
                        Map.of()));
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
    void todaysCallsAreCountedPerInstanceByOutcomeWithWaitAndServiceLevel() {
        PrometheusText metrics = scrape();
        List<Object> asked = api.tickets.callStatsAsked.get(api.tickets.callStatsAsked.size() - 1);
        assertEquals(null, asked.get(0), "every instance");
        assertEquals(asked.get(1), asked.get(2), "one day");
        assertEquals(20, asked.get(3));

        assertEquals("counter", metrics.types.get("switchboard_calls_total"));
        assertEquals(4.0, value(metrics, "switchboard_calls_total", Map.of("instance", "voice-main", "outcome", "answered")));
        assertEquals(2.0, value(metrics, "switchboard_calls_total", Map.of("instance", "voice-main", "outcome", "abandoned")));
        assertEquals(1.0, value(metrics, "switchboard_calls_total", Map.of("instance", "voice-main", "outcome", "voicemail")));
        assertEquals(1.0, value(metrics, "switchboard_calls_total", Map.of("instance", "voice-main", "outcome", "callback")));
        assertEquals(0.0, value(metrics, "switchboard_calls_total", Map.of("instance", "voice-main", "outcome", "missed")));
        assertEquals(1.0, value(metrics, "switchboard_calls_total",
                Map.of("instance", "voice-main", "outcome", "in_progress")));
        assertEquals(1.0, value(metrics, "switchboard_calls_total",
                Map.of("instance", "voice-quiet", "outcome", "in_progress")));
        assertEquals(12, metrics.samples("switchboard_calls_total").size());

        assertEquals("gauge", metrics.types.get("switchboard_call_wait_seconds_average"));
        assertEquals(37.5, value(metrics, "switchboard_call_wait_seconds_average", Map.of("instance", "voice-main")));
        assertEquals(0.5, value(metrics, "switchboard_call_service_level",
                Map.of("instance", "voice-main", "threshold_seconds", "20")));
        assertEquals(1, metrics.samples("switchboard_call_wait_seconds_average").size(),
                "no average without a call to take it from");
        assertEquals(1, metrics.samples("switchboard_call_service_level").size());
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
