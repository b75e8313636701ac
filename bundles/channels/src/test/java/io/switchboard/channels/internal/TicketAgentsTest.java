package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agents a connector sees through its context: the ticket service's, in its fair order. */
class TicketAgentsTest {

    @Test
    void aConnectorSeesTheAvailableAgentsInFairOrderAndMovesTheOneItRings() {
        try (TestDatabase database = TestDatabase.open(TestDatabase.Kind.H2)) {
            MovingClock clock = new MovingClock();
            TicketServiceImpl tickets = new TicketServiceImpl(database.store(), "US", Duration.ofDays(7), clock);
            InstanceHandle handle = new InstanceHandle("line", "voice-test", "switchboard.channel.voice_test~line",
                    Map.of(), events -> { }, InstanceHandle.DEFAULT_MEDIA_SIZE_LIMIT, new TicketAgents(() -> tickets));
            assertTrue(handle.context().availableAgents().isEmpty());

            tickets.setAvailability("alice", true, "+14155550101", null);
            tickets.setAvailability("bob", true, null, "bob");
            assertEquals(List.of(new AgentContact("alice", "+14155550101", null), new AgentContact("bob", null, "bob")),
                    handle.context().availableAgents());

            handle.context().agentOffered("alice");
            assertEquals(List.of("bob"), handle.context().availableAgents().stream().map(AgentContact::name).toList(),
                    "alice is on the call");
            handle.context().agentReleased("alice");
            assertEquals(List.of("bob", "alice"),
                    handle.context().availableAgents().stream().map(AgentContact::name).toList());

            handle.dispose();
            assertThrows(IllegalStateException.class, () -> handle.context().availableAgents());
        }
    }

    @Test
    void withoutTheTicketServiceNobodyIsAvailable() {
        assertTrue(new TicketAgents(() -> null).available().isEmpty());
        new TicketAgents(() -> null).offered("alice");
        new TicketAgents(() -> null).released("alice");
    }

    /** A clock that moves on a second per reading, so that every change has its own instant. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}
