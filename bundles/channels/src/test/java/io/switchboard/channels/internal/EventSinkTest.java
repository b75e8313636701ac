package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.store.Store;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.TicketService;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event is stored once, whatever the provider redelivers, on H2 and on PostgreSQL. */
class EventSinkTest {
    private TestDatabase database;

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void redeliveriesAndDuplicatesInOneBatchAreStoredOnce(TestDatabase.Kind kind) {
        database = TestDatabase.open(kind);
        Store store = database.store();
        TicketService tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());

        EventSink.Outcome first = EventSink.store(store, tickets, "sms", "sms-test", List.of(message("SM1"), message("SM1")));
        EventSink.Outcome again = EventSink.store(store, tickets, "sms", "sms-test", List.of(message("SM1"), message("SM2")));
        EventSink.Outcome otherInstance = EventSink.store(store, tickets, "sms-2", "sms-test", List.of(message("SM1")));

        assertEquals(new EventSink.Outcome(1, 1), first);
        assertEquals(new EventSink.Outcome(1, 1), again);
        assertEquals(new EventSink.Outcome(1, 0), otherInstance);
        assertEquals(3L, messages(store));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentDeliveriesOfOneEventStoreOneMessage(TestDatabase.Kind kind) throws Exception {
        database = TestDatabase.open(kind);
        Store store = database.store();
        TicketService tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
        int threads = 4;
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<EventSink.Outcome>> outcomes = new ArrayList<>();
                ChannelEvent event = message("SM-" + round);
                for (int t = 0; t < threads; t++) {
                    Callable<EventSink.Outcome> deliver = () -> {
                        start.await();
                        return EventSink.store(store, tickets, "sms", "sms-test", List.of(event));
                    };
                    outcomes.add(pool.submit(deliver));
                }
                start.countDown();
                int accepted = 0;
                for (Future<EventSink.Outcome> outcome : outcomes) {
                    accepted += outcome.get().accepted();
                }
                assertEquals(1, accepted, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) rounds, messages(store));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void updatesOfOneCallRedeliveredAndRacingOnTwoThreadsMakeOneCompleteCall(TestDatabase.Kind kind) throws Exception {
        database = TestDatabase.open(kind);
        Store store = database.store();
        TicketService tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                String call = "CA" + round;
                // As Twilio sends them: the answer webhook and the status callback of the same call at once,
                // each delivered twice.
                ChannelEvent ringing = callUpdate(call + "-ringing", call, null, null, List.of("main", "billing"));
                ChannelEvent completed = callUpdate(call + "-completed", call, CallOutcome.ANSWERED, "client:ada",
                        List.of());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<EventSink.Outcome>> outcomes = new ArrayList<>();
                for (ChannelEvent event : List.of(ringing, completed, ringing, completed)) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return EventSink.store(store, tickets, "voice", "voice-test", List.of(event));
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<EventSink.Outcome> outcome : outcomes) {
                    accepted += outcome.get().accepted();
                }
                assertEquals(2, accepted, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) rounds, messages(store), "one entry per call");
        long ticket = tickets.list(new TicketQuery(null, null, null, null, null, 0, 10)).items().get(0).id();
        List<Call> calls = tickets.calls(ticket);
        assertEquals(rounds, calls.size());
        for (Call call : calls) {
            assertEquals(List.of("main", "billing"), call.ivrPath(), call.callId());
            assertEquals(CallOutcome.ANSWERED, call.outcome(), call.callId());
            assertEquals("client:ada", call.agent(), call.callId());
        }
    }

    private static CallUpdate callUpdate(String eventId, String callId, CallOutcome outcome, String agent,
            List<String> ivrPath) {
        return new CallUpdate(eventId, null, new Contact(Address.phone("+14155550100"), List.of(), null), callId,
                Direction.INBOUND, outcome, ivrPath, null, null, null, null, agent, null, null, null);
    }

    private static long messages(Store store) {
        return store.transaction(em -> em.createQuery("select count(e) from Entry e", Long.class).getSingleResult());
    }

    private static InboundMessage message(String sid) {
        return new InboundMessage(sid, null, new Contact(Address.phone("+14155550100"), List.of(), null), null,
                "text of " + sid, List.of());
    }
}
