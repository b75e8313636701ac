package io.switchboard.bridge.rt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.model.TicketStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> configuration = Fixtures.configuration("http://rt.example.com/");
        if (value == null) {
            configuration.remove(key);
        } else {
            configuration.put(key, value);
        }
        return configuration;
    }

    private static String problem(String key, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> RtSettings.from(with(key, value))).getMessage();
    }

    @Test
    void defaultsAndMappings() {
        RtSettings settings = RtSettings.from(with("statusMapping", "ON_HOLD=onhold, closed=rejected"));

        assertEquals("http://rt.example.com", settings.url().toString());
        assertEquals("General", settings.queue());
        assertEquals("Billing", settings.rtQueue("billing"));
        assertEquals("General", settings.rtQueue("sales"));
        assertEquals("General", settings.rtQueue(null));
        assertEquals("onhold", settings.statusToRt().get(TicketStatus.ON_HOLD));
        assertEquals("rejected", settings.statusToRt().get(TicketStatus.CLOSED));
        assertEquals("stalled", settings.statusToRt().get(TicketStatus.PENDING));
        assertEquals(TicketStatus.ON_HOLD, settings.statusFromRt().get("onhold"));
        assertEquals(TicketStatus.PENDING, settings.statusFromRt().get("stalled"));
        assertEquals(TicketStatus.CLOSED, settings.statusFromRt().get("deleted"));
        assertEquals(5, settings.pollSeconds());
        assertEquals("Switchboard Ticket", settings.markerField());
        assertEquals(RtSettings.DEFAULT_REQUESTOR_ADDRESS, settings.requestorAddress());
        assertEquals(7, RtSettings.from(with("pollSeconds", "7")).pollSeconds());
        assertEquals("Sales Desk", RtSettings.from(with("queueMapping", List.of("sales=Sales Desk"))).rtQueue("sales"));
    }

    @Test
    void everyProblemNamesItsField() {
        assertTrue(problem("url", null).startsWith("url "));
        assertTrue(problem("url", "ftp://rt.example.com").startsWith("url "));
        assertTrue(problem("url", "http://rt.example.com/REST/2.0").startsWith("url "));
        assertTrue(problem("username", " ").startsWith("username "));
        assertTrue(problem("password", null).startsWith("password "));
        assertTrue(problem("statusMapping", new String[] {"SOLVED"}).startsWith("statusMapping"));
        assertTrue(problem("statusMapping", new String[] {"DONE=resolved"}).startsWith("statusMapping"));
        assertTrue(problem("queueMapping", new String[] {"=General"}).startsWith("queueMapping"));
        assertTrue(problem("requestorAddress", "customers.invalid").startsWith("requestorAddress"));
        assertTrue(problem("pollSeconds", 0).startsWith("pollSeconds"));
        assertTrue(problem("markerField", "a}b").startsWith("markerField"));
    }

    @Test
    void theSecretIsNotInTheDescription() {
        assertTrue(!RtSettings.from(with("password", "hunter2-secret")).toString().contains("hunter2"));
    }
}
