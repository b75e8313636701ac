package io.switchboard.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.TicketQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls the core places for a ticket, logged there and completed by the connector's updates. */
class OutboundCallTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ADA = "+14155550100";

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
    void aPlacedCallIsLoggedOnItsTicketAndItsUpdatesCompleteThatEntry(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("voice", "voice-test", inbound("CA-in", CallOutcome.VOICEMAIL));
        Ticket ticket = onlyTicket();
        long conversation = ticket.timeline().get(0).conversationId();

        clock.advance(Duration.ofMinutes(5));
        tickets.recordOutboundCall(conversation, "CA-out", "alice");
        tickets.recordOutboundCall(conversation, "CA-out", "alice");
        TimelineEntry logged = tickets.get(ticket.id()).orElseThrow().timeline().get(1);
        assertEquals(AuthorType.AGENT, logged.authorType());
        assertEquals("alice", logged.author());
        assertEquals(Direction.OUTBOUND, logged.direction());
        assertEquals("Outgoing call, in progress, agent alice", logged.text());

        clock.advance(Duration.ofMinutes(1));
        tickets.apply("voice", "voice-test", new CallUpdate("ev-out-2", T0.plusSeconds(360), caller(), "CA-out",
                Direction.OUTBOUND, CallOutcome.ANSWERED, List.of(), null, null, null, Duration.ofSeconds(42), "alice",
                T0.plusSeconds(410), null, null));
        List<Call> calls = tickets.calls(ticket.id());
        assertEquals(2, calls.size());
        Call out = calls.stream().filter(c -> c.callId().equals("CA-out")).findFirst().orElseThrow();
        assertEquals(CallOutcome.ANSWERED, out.outcome());
        assertEquals(Duration.ofSeconds(42), out.talkTime());
        assertEquals(1, tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items().size());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anUpdateThatCameFirstIsKept(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("voice", "voice-test", inbound("CA-in", CallOutcome.VOICEMAIL));
        Ticket ticket = onlyTicket();
        tickets.apply("voice", "voice-test", new CallUpdate("ev-early", T0.plusSeconds(60), caller(), "CA-out",
                Direction.OUTBOUND, null, List.of(), null, null, null, null, "alice", null, null, null));
        tickets.recordOutboundCall(ticket.timeline().get(0).conversationId(), "CA-out", "alice");
        assertEquals(2, tickets.get(ticket.id()).orElseThrow().timeline().size());
        assertThrows(NoSuchElementException.class, () -> tickets.recordOutboundCall(999_999L, "CA-x", "alice"));
    }

    private Ticket onlyTicket() {
        List<Ticket> all = tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items();
        assertEquals(1, all.size());
        return tickets.get(all.get(0).id()).orElseThrow();
    }

    private static Contact caller() {
        return new Contact(new Address(IdentityKind.PHONE, ADA), List.of(), null);
    }

    private static CallUpdate inbound(String callId, CallOutcome outcome) {
        return new CallUpdate("ev-" + callId, T0, caller(), callId, Direction.INBOUND, outcome, List.of("main"), null,
                null, null, null, null, T0.plusSeconds(30), null, null);
    }
}
