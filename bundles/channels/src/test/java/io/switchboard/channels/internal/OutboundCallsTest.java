package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.channels.PlacedCall;
import io.switchboard.store.Store;
import io.switchboard.store.entity.OutboundCallRow;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Click-to-call and callbacks as the core places them: recorded first, offered once, logged on the ticket. */
class OutboundCallsTest {
    private static final String ADA = "+14155550100";
    private static final AgentContact ALICE = new AgentContact("alice", "+14155550199", null);

    private TestDatabase database;
    private Store store;
    private TicketServiceImpl tickets;
    private final Placer connector = new Placer();
    private InstanceHandle handle;
    private Set<Capability> capabilities = Set.of(Capability.VOICE, Capability.OUTBOUND_CALLS);
    private OutboundCalls calls;

    private void open(TestDatabase.Kind kind) {
        database = TestDatabase.open(kind);
        store = database.store();
        tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
        handle = new InstanceHandle("line", "voice-test", "switchboard.channel.voice_test~line", Map.of(), events -> { });
        handle.start(connector);
        Function<String, Optional<ChannelKind>> kinds = id -> Optional.ofNullable(
                Map.of("line", ChannelKind.VOICE, "sms", ChannelKind.SMS).get(id));
        calls = new OutboundCalls(() -> store, () -> tickets,
                id -> id.equals("line") ? Optional.of(new OutboundCalls.Running(handle, "voice-test", capabilities))
                        : Optional.empty(),
                kinds, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPlacedCallIsRecordedFirstOfferedOnceAndLoggedOnItsTicket(TestDatabase.Kind kind) {
        open(kind);
        long ticket = voiceTicket();
        connector.answer = SendResult.sent("CA-out-1");

        PlacedCall placed = calls.place(ticket, ALICE, OutboundCall.Purpose.CLICK_TO_CALL);

        assertEquals("PLACED", placed.state());
        assertEquals("CA-out-1", placed.providerCallId());
        assertEquals(1, connector.calls.size());
        OutboundCall offered = connector.calls.get(0);
        assertEquals(placed.id(), offered.id());
        assertEquals(ticket, offered.ticketId());
        assertEquals(Address.phone(ADA), offered.to());
        assertEquals(ALICE, offered.agent());
        assertEquals(List.of(OutboundCallRow.State.PLACING), connector.statesSeen, "recorded before the provider is asked");

        List<TimelineEntry> timeline = tickets.get(ticket).orElseThrow().timeline();
        TimelineEntry entry = timeline.get(timeline.size() - 1);
        assertEquals(EntryType.CALL, entry.type());
        assertEquals(Direction.OUTBOUND, entry.direction());
        assertEquals("alice", entry.author());

        // The connector's updates of the call complete that entry.
        tickets.apply("line", "voice-test", new CallUpdate("ev-out", Instant.now(), contact(), "CA-out-1",
                Direction.OUTBOUND, CallOutcome.ANSWERED, List.of(), null, null, null, Duration.ofSeconds(30), "alice",
                Instant.now(), null, null));
        Call out = tickets.calls(ticket).stream().filter(c -> c.callId().equals("CA-out-1")).findFirst().orElseThrow();
        assertEquals(CallOutcome.ANSWERED, out.outcome());
        assertEquals(1, tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items().size());

        assertEquals(0, calls.markInterrupted(), "a finished call is left alone");
        tickets.setAvailability("alice", true, "+14155550199", null);
        tickets.setAvailability("bob", true, "+14155550198", null);
        connector.answer = SendResult.sent("CA-out-2");
        calls.place(ticket, ALICE, OutboundCall.Purpose.CALLBACK);
        assertEquals(List.of("bob"), tickets.availableAgents().stream().map(a -> a.name()).toList(),
                "the agent on the placed call is offered no other");
        tickets.agentReleased("alice");
        assertEquals(List.of("bob", "alice"), tickets.availableAgents().stream().map(a -> a.name()).toList(),
                "and goes last once it is over");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void refusedAndLostCallsAreRecordedAsSuchAndNotLogged(TestDatabase.Kind kind) {
        open(kind);
        long ticket = voiceTicket();
        connector.answer = SendResult.failed("invalid 'To' number");
        PlacedCall failed = calls.place(ticket, ALICE, OutboundCall.Purpose.CLICK_TO_CALL);
        assertEquals("FAILED", failed.state());
        assertEquals("invalid 'To' number", failed.detail());

        connector.answer = new SendResult.Retry("HTTP 503", null);
        assertEquals("FAILED", calls.place(ticket, ALICE, OutboundCall.Purpose.CALLBACK).state());

        connector.fail = true;
        PlacedCall unknown = calls.place(ticket, ALICE, OutboundCall.Purpose.CLICK_TO_CALL);
        assertEquals("UNKNOWN", unknown.state());
        assertTrue(unknown.detail().startsWith("the connector failed while placing the call, which may or may not"),
                unknown.detail());
        assertNull(unknown.providerCallId());

        assertEquals(3, connector.calls.size(), "each offered once, none retried");
        assertEquals(1, tickets.calls(ticket).size(), "only the inbound call is on the ticket");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aCallLeftPlacingByAStopIsMarkedUnknownAndNeverOffered(TestDatabase.Kind kind) {
        open(kind);
        long ticket = voiceTicket();
        store.run(em -> {
            OutboundCallRow row = new OutboundCallRow();
            row.callKey = "before-the-crash";
            row.ticketId = ticket;
            row.conversationId = tickets.get(ticket).orElseThrow().timeline().get(0).conversationId();
            row.channelInstance = "line";
            row.purpose = "CLICK_TO_CALL";
            row.customerAddress = ADA;
            row.agent = "alice";
            row.state = OutboundCallRow.State.PLACING;
            row.createdAt = Instant.now();
            row.updatedAt = row.createdAt;
            em.persist(row);
        });
        assertEquals(1, calls.markInterrupted());
        assertEquals(0, calls.markInterrupted());
        OutboundCallRow row = store.transaction(em -> em.createQuery("select o from OutboundCall o", OutboundCallRow.class)
                .getSingleResult());
        assertEquals(OutboundCallRow.State.UNKNOWN, row.state);
        assertTrue(connector.calls.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aTicketWithoutAPlaceToCallFromIsRefusedAndNothingRecorded(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-test", new InboundMessage("ev-sms", Instant.now(), contact(), null, "hi", List.of()));
        long smsTicket = tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items().get(0).id();
        assertEquals("Ticket " + smsTicket + " has no voice conversation: a call needs the customer's phone number"
                + " on a voice channel.", assertThrows(IllegalStateException.class,
                        () -> calls.place(smsTicket, ALICE, OutboundCall.Purpose.CLICK_TO_CALL)).getMessage());
        assertEquals("Ticket 999999 does not exist.", assertThrows(NoSuchElementException.class,
                () -> calls.place(999_999L, ALICE, OutboundCall.Purpose.CLICK_TO_CALL)).getMessage());

        capabilities = Set.of(Capability.VOICE);
        long again = voiceTicket();
        assertEquals("The voice channel line (voice-test) does not place calls.", assertThrows(
                IllegalStateException.class, () -> calls.place(again, ALICE, OutboundCall.Purpose.CLICK_TO_CALL))
                .getMessage());
        long recorded = store.transaction(em -> em.createQuery("select count(o) from OutboundCall o", Long.class)
                .getSingleResult());
        assertEquals(0L, recorded);
        assertTrue(connector.calls.isEmpty());
    }

    private long voiceTicket() {
        tickets.apply("line", "voice-test", new CallUpdate("ev-in-" + System.nanoTime(), Instant.now(), contact(),
                "CA-in-" + System.nanoTime(), Direction.INBOUND, CallOutcome.VOICEMAIL, List.of("main"), null, null, null,
                null, null, Instant.now(), null, null));
        return tickets.list(new TicketQuery(null, "line", null, null, null, 0, 50)).items().get(0).id();
    }

    private static Contact contact() {
        return new Contact(Address.phone(ADA), List.of(), null);
    }

    private final class Placer implements ChannelInstance {
        final List<OutboundCall> calls = new ArrayList<>();
        final List<OutboundCallRow.State> statesSeen = new ArrayList<>();
        SendResult answer = SendResult.failed("no answer scripted");
        boolean fail;

        @Override
        public InboundResult receive(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendResult send(OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendResult startCall(OutboundCall call) {
            calls.add(call);
            statesSeen.add(store.transaction(em -> em.createQuery("select o from OutboundCall o where o.callKey = :k",
                    OutboundCallRow.class).setParameter("k", call.id()).getSingleResult().state));
            if (fail) {
                throw new IllegalStateException("socket closed");
            }
            return answer;
        }
    }
}
