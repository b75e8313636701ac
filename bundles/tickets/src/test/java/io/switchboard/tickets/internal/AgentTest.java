package io.switchboard.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Agents' availability and the fair order of the queues, against a real store on H2 and PostgreSQL. */
class AgentTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final TicketServiceTest.MutableClock clock = new TicketServiceTest.MutableClock(T0);
    private TestDatabase database;
    private TicketServiceImpl tickets;

    private void open(TestDatabase.Kind kind) {
        database = TestDatabase.open(kind);
        tickets = new TicketServiceImpl(database.store(), "US", Duration.ofHours(72), clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theAgentIdleLongestComesFirst(TestDatabase.Kind kind) {
        open(kind);
        AgentStatus alice = tickets.setAvailability("alice", true, "(415) 555-0101", null);
        assertEquals("+14155550101", alice.phoneNumber());
        assertEquals(T0, alice.availableSince());
        clock.advance(Duration.ofSeconds(10));
        tickets.setAvailability("bob", true, null, "bob.softphone");
        clock.advance(Duration.ofSeconds(10));
        tickets.setAvailability("carol", true, "+442071838750", null);
        assertEquals(List.of("alice", "bob", "carol"), names());

        clock.advance(Duration.ofSeconds(10));
        tickets.agentOffered("alice");
        tickets.agentReleased("alice");
        assertEquals(List.of("bob", "carol", "alice"), names());

        // Saying "available" again does not jump the queue.
        clock.advance(Duration.ofSeconds(10));
        tickets.setAvailability("bob", true, null, "bob.softphone");
        assertEquals(List.of("bob", "carol", "alice"), names());

        // Going away and coming back does.
        tickets.setAvailability("bob", false, null, null);
        assertEquals(List.of("carol", "alice"), names());
        clock.advance(Duration.ofSeconds(10));
        AgentStatus bob = tickets.setAvailability("bob", true, null, null);
        assertEquals("bob.softphone", bob.clientIdentity(), "where to ring is kept while away");
        assertEquals(List.of("carol", "alice", "bob"), names());

        tickets.agentOffered("nobody");
        assertTrue(tickets.agent("nobody").isEmpty());
        assertFalse(tickets.agent("carol").orElseThrow().lastOfferedAt() != null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anAgentOnACallIsOfferedNoOtherUntilReleased(TestDatabase.Kind kind) {
        open(kind);
        tickets.setAvailability("alice", true, "+14155550101", null);
        tickets.setAvailability("bob", true, "+14155550102", null);
        clock.advance(Duration.ofSeconds(10));

        tickets.agentOffered("alice");
        assertEquals(List.of("bob"), names(), "ringing or talking, alice takes no second call");
        AgentStatus alice = tickets.agent("alice").orElseThrow();
        assertTrue(alice.available(), "still available: on a call is not away");
        assertEquals(clock.instant(), alice.onCallSince());

        clock.advance(Duration.ofMinutes(5));
        tickets.agentReleased("alice");
        assertNull(tickets.agent("alice").orElseThrow().onCallSince());
        assertEquals(List.of("bob", "alice"), names(), "back, after bob who has been idle longer");
        tickets.agentReleased("nobody");

        // A release that never comes does not keep an agent out for good.
        tickets.agentOffered("bob");
        assertEquals(List.of("alice"), names());
        clock.advance(Agents.ON_CALL_LIMIT);
        assertEquals(List.of("alice"), names());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("alice", "bob"), names());

        // Nor does going away during a call: coming back means being free.
        tickets.agentOffered("alice");
        tickets.setAvailability("alice", false, null, null);
        tickets.setAvailability("alice", true, null, null);
        assertNull(tickets.agent("alice").orElseThrow().onCallSince());
        assertEquals(List.of("bob", "alice"), names());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badContactsAreRefusedAndNothingIsStored(TestDatabase.Kind kind) {
        open(kind);
        assertMessage("phoneNumber: not a phone number: call me", () -> tickets.setAvailability("a", true, "call me", null));
        assertMessage("phoneNumber: not a phone number in E.164: 22395",
                () -> tickets.setAvailability("a", true, "22395", null));
        assertMessage("clientIdentity: must be 1-255 characters of letters, digits, '.', '_', '-' and '@'",
                () -> tickets.setAvailability("a", true, null, "alice <script>"));
        assertMessage("phoneNumber: an available agent needs a phoneNumber or a clientIdentity",
                () -> tickets.setAvailability("a", true, " ", null));
        assertTrue(tickets.agent("a").isEmpty());

        assertEquals(new io.switchboard.api.channel.AgentContact("a", "+14155550123", null),
                tickets.checkContact("a", "415-555-0123", null));
        assertEquals(new io.switchboard.api.channel.AgentContact("a", null, "a.desk"), tickets.checkContact("a", null, "a.desk"));
        assertMessage("phoneNumber: give either a phoneNumber or a clientIdentity",
                () -> tickets.checkContact("a", "+14155550123", "a.desk"));
        assertMessage("phoneNumber: give either a phoneNumber or a clientIdentity", () -> tickets.checkContact("a", null, null));
        assertTrue(tickets.agent("a").isEmpty());

        AgentStatus away = tickets.setAvailability("a", false, null, null);
        assertFalse(away.available());
        assertNull(away.availableSince());
        assertTrue(tickets.availableAgents().isEmpty());
    }

    private List<String> names() {
        return tickets.availableAgents().stream().map(AgentStatus::name).toList();
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
