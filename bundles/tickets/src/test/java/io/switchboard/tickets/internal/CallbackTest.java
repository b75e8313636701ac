package io.switchboard.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.CallbackRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The callback queue: callers keep their place by when they entered the queue. */
class CallbackTest {
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
    void callersKeepTheirPlaceUntilAnAgentTakesThemInOrder(TestDatabase.Kind kind) {
        open(kind);
        // Bob called later but spent less time in the menu: he entered the queue first.
        waited("+14155550101", "CA-ada", T0, 40, "billing");
        waited("+14155550102", "CA-bob", T0.plusSeconds(10), 5, "billing");
        waited("+14155550103", "CA-cy", T0.plusSeconds(50), 5, "support");
        // Reported twice, filed once; a caller who hung up in the queue files nothing.
        waited("+14155550101", "CA-ada", T0, 40, "billing");
        tickets.apply("voice", "voice-test", update("+14155550104", "CA-gone", T0, CallOutcome.ABANDONED, 3, "billing"));

        List<CallbackRequest> waiting = tickets.waitingCallbacks();
        assertEquals(List.of("CA-bob", "CA-ada", "CA-cy"), waiting.stream().map(CallbackRequest::callId).toList());
        CallbackRequest bob = waiting.get(0);
        CallbackRequest ada = waiting.get(1);
        assertEquals("+14155550102", bob.to());
        assertEquals(T0.plusSeconds(15), bob.queuedAt());
        assertEquals("WAITING", bob.state());

        assertEquals("Callback request " + bob.id() + " is ahead of " + ada.id() + " in its queue; accept that one first.",
                assertThrows(IllegalStateException.class, () -> tickets.acceptCallback(ada.id(), "alice")).getMessage());
        // Another queue is not held up.
        assertEquals("CALLING", tickets.acceptCallback(waiting.get(2).id(), "carol").state());

        CallbackRequest taken = tickets.acceptCallback(bob.id(), "alice");
        assertEquals("CALLING", taken.state());
        assertEquals("alice", taken.agent());
        assertEquals("Callback request " + bob.id() + " is not waiting: it is calling (accepted by alice).",
                assertThrows(IllegalStateException.class, () -> tickets.acceptCallback(bob.id(), "dave")).getMessage());

        // Refused by the provider: back in the same place.
        CallbackRequest back = tickets.finishCallback(bob.id(), "call-1", "FAILED", "invalid 'To' number");
        assertEquals("WAITING", back.state());
        assertEquals("invalid 'To' number", back.detail());
        assertEquals(List.of("CA-bob", "CA-ada"), tickets.waitingCallbacks().stream().map(CallbackRequest::callId).toList());

        tickets.acceptCallback(bob.id(), "alice");
        assertEquals("CALLED", tickets.finishCallback(bob.id(), "call-2", "PLACED", null).state());
        tickets.acceptCallback(ada.id(), "alice");
        assertEquals("UNKNOWN", tickets.finishCallback(ada.id(), "call-3", "UNKNOWN", "lost").state());
        assertTrue(tickets.waitingCallbacks().isEmpty());
        assertThrows(NoSuchElementException.class, () -> tickets.acceptCallback(999_999L, "alice"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aWithheldNumberCannotBeCalledBack(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("voice", "voice-test", new CallUpdate("ev-withheld", T0,
                new Contact(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", "CA-w"), List.of(), null), "CA-w",
                Direction.INBOUND, CallOutcome.CALLBACK, List.of(), "billing", null, null, null, null, null, null, null));
        assertTrue(tickets.waitingCallbacks().isEmpty());
    }

    private void waited(String number, String callId, Instant start, int ivrSeconds, String queue) {
        tickets.apply("voice", "voice-test", update(number, callId, start, CallOutcome.CALLBACK, ivrSeconds, queue));
    }

    private int events;

    private CallUpdate update(String number, String callId, Instant start, CallOutcome outcome, int ivrSeconds,
            String queue) {
        return new CallUpdate("ev-" + callId + "-" + events++, start, new Contact(Address.phone(number), List.of(), null),
                callId, Direction.INBOUND, outcome, List.of("main"), queue, Duration.ofSeconds(ivrSeconds),
                Duration.ofSeconds(60), null, null, start.plusSeconds(120), null, null);
    }
}
