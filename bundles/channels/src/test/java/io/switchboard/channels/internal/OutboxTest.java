package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.Store;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox against a real store and the real ticket rules, with a scripted connector. */
class OutboxTest {
    private TestDatabase database;
    private Store store;
    private TicketServiceImpl tickets;
    private final ScriptedInstance connector = new ScriptedInstance();
    private InstanceHandle handle;
    private boolean running = true;
    private boolean configured = true;
    private Outbox outbox;
    private final Stats stats = new Stats();

    @BeforeEach
    void open() {
        database = TestDatabase.open(TestDatabase.Kind.H2);
        store = database.store();
        tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
        handle = new InstanceHandle("sms", "sms-test", "switchboard.channel.sms_test~sms", Map.of(), events -> { });
        handle.start(connector);
        outbox = new Outbox(() -> store, id -> running && id.equals("sms") ? Optional.of(handle) : Optional.empty(),
                id -> configured, stats, 3, Duration.ZERO, Runnable::run);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReplyIsSentOnceWithItsIdAndRecorded() {
        long ticket = ticketWithReply("On it");
        connector.results.add(SendResult.sent("SM-out-1"));

        outbox.run();
        outbox.run();

        assertEquals(1, connector.sent.size());
        OutboundMessage message = connector.sent.get(0);
        assertEquals("On it", message.text());
        assertEquals(Address.phone("+14155550100"), message.to());
        assertEquals(1, message.attempt());
        assertEquals(outboxRow().id, message.id());
        assertEquals(OutboxRow.State.SENT, outboxRow().state);
        TimelineEntry reply = reply(ticket);
        assertEquals(DeliveryStatus.SENT, reply.deliveryStatus());
        assertEquals("SM-out-1", reply.providerMessageId());
        assertEquals(1, stats.get("sms", Stats.Counter.OUTBOUND_SENT));
    }

    @Test
    void aRetryableFailureIsRetriedWithTheSameIdUntilItGoesThrough() {
        ticketWithReply("On it");
        connector.results.add(SendResult.retry("HTTP 503"));
        connector.results.add(SendResult.sent("SM-out-2"));

        outbox.run();
        assertEquals(OutboxRow.State.PENDING, outboxRow().state);
        assertEquals("HTTP 503", outboxRow().lastError);
        outbox.run();

        assertEquals(2, connector.sent.size());
        assertEquals(connector.sent.get(0).id(), connector.sent.get(1).id());
        assertEquals(2, connector.sent.get(1).attempt());
        assertEquals(OutboxRow.State.SENT, outboxRow().state);
        assertEquals(2, outboxRow().attempts);
    }

    @Test
    void aPermanentFailureIsVisibleOnTheTimeline() {
        long ticket = ticketWithReply("On it");
        connector.results.add(SendResult.failed("recipient opted out"));

        outbox.run();
        outbox.run();

        assertEquals(1, connector.sent.size());
        assertEquals(OutboxRow.State.FAILED, outboxRow().state);
        assertEquals(DeliveryStatus.FAILED, reply(ticket).deliveryStatus());
        assertEquals("recipient opted out", reply(ticket).failureReason());
    }

    @Test
    void retriesGiveUpAfterTheLastAttempt() {
        long ticket = ticketWithReply("On it");
        for (int i = 0; i < 5; i++) {
            connector.results.add(SendResult.retry("timeout"));
        }
        for (int i = 0; i < 5; i++) {
            outbox.run();
        }
        assertEquals(3, connector.sent.size());
        assertEquals(OutboxRow.State.FAILED, outboxRow().state);
        assertEquals("gave up after 3 attempts: timeout", reply(ticket).failureReason());
    }

    @Test
    void aReplyWaitsWhileItsInstanceIsDownAndFailsWhenItIsDeleted() {
        long ticket = ticketWithReply("On it");
        running = false;
        outbox.run();
        assertEquals(OutboxRow.State.PENDING, outboxRow().state);
        assertEquals(0, outboxRow().attempts);

        configured = false;
        outbox.run();
        assertEquals(OutboxRow.State.FAILED, outboxRow().state);
        assertEquals("channel instance sms no longer exists", reply(ticket).failureReason());
        assertTrue(connector.sent.isEmpty());
    }

    @Test
    void aThrowingConnectorIsRetriedNotLost() {
        ticketWithReply("On it");
        connector.results.add(null);
        connector.results.add(SendResult.sent("SM-3"));
        outbox.run();
        assertEquals(OutboxRow.State.PENDING, outboxRow().state);
        outbox.run();
        assertEquals(OutboxRow.State.SENT, outboxRow().state);
    }

    @Test
    void aCustomerWhoOptedOutGetsNoRepliesUntilTheyOptInAgain() {
        long ticket = ticketWithReply("before STOP");
        tickets.apply("sms", "sms-test", new ConsentChange("SM-stop", null, Address.phone("(415) 555-0100"), false, "STOP"));

        outbox.run();

        assertTrue(connector.sent.isEmpty(), "nothing is offered to the connector");
        assertEquals(DeliveryStatus.FAILED, reply(ticket).deliveryStatus());
        assertTrue(reply(ticket).failureReason().contains("opted out"), reply(ticket).failureReason());
        assertTrue(tickets.get(ticket).orElseThrow().timeline().stream()
                .anyMatch(e -> e.text().startsWith("the customer opted out of messages on sms (STOP)")));

        tickets.apply("sms", "sms-test", new ConsentChange("SM-start", null, Address.phone("+14155550100"), true, "START"));
        tickets.reply(ticket, null, "Bea", "after START");
        connector.results.add(SendResult.sent("SM-after"));
        outbox.run();
        assertEquals(List.of("after START"), connector.sent.stream().map(OutboundMessage::text).toList());
    }

    @Test
    void aHangingConnectorHoldsUpOnlyItsOwnChannel() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InstanceHandle hanging = new InstanceHandle("slow", "sms-test", "switchboard.channel.sms_test~slow", Map.of(), events -> { });
        ScriptedInstance slow = new ScriptedInstance() {
            @Override
            public SendResult send(OutboundMessage message) {
                sent.add(message);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SendResult.sent("late");
            }
        };
        hanging.start(slow);
        ExecutorService senders = Executors.newCachedThreadPool();
        try {
            Outbox concurrent = new Outbox(() -> store,
                    id -> Optional.of(id.equals("slow") ? hanging : handle), id -> true, stats, 3, Duration.ZERO, senders);
            tickets.apply("slow", "sms-test", new InboundMessage("SL1", Instant.now(),
                    new Contact(Address.phone("+14155550199"), List.of(), null), null, "Help", List.of()));
            long slowTicket = tickets.list(new TicketQuery(null, "slow", null, null, null, 0, 1)).items().get(0).id();
            tickets.reply(slowTicket, null, "Bea", "first to the slow channel");
            tickets.reply(slowTicket, null, "Bea", "second to the slow channel");
            long ticket = ticketWithReply("to the healthy channel");
            connector.results.add(SendResult.sent("SM-ok"));

            for (int i = 0; i < 20 && reply(ticket).deliveryStatus() != DeliveryStatus.SENT; i++) {
                concurrent.run();
                Thread.sleep(50);
            }

            assertEquals(DeliveryStatus.SENT, reply(ticket).deliveryStatus(), "the healthy channel was not held up");
            assertEquals(List.of("first to the slow channel"),
                    slow.sent.stream().map(OutboundMessage::text).toList(),
                    "one message at a time per channel, in order");
        } finally {
            release.countDown();
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private long ticketWithReply(String text) {
        tickets.apply("sms", "sms-test", new InboundMessage("SM1", Instant.now(),
                new Contact(Address.phone("+14155550100"), List.of(), null), null, "Help", List.of()));
        long ticket = tickets.list(new TicketQuery(null, null, null, null, null, 0, 1)).items().get(0).id();
        tickets.reply(ticket, null, "Bea", text);
        return ticket;
    }

    private OutboxRow outboxRow() {
        return store.transaction(em -> em.createQuery("select o from Outbox o", OutboxRow.class).getSingleResult());
    }

    private TimelineEntry reply(long ticket) {
        return tickets.get(ticket).orElseThrow().timeline().stream()
                .filter(e -> e.direction() == io.switchboard.api.model.Direction.OUTBOUND).findFirst().orElseThrow();
    }

    /** Returns the queued results in order; a null result makes it throw, as a buggy connector would. */
    static class ScriptedInstance implements ChannelInstance {
        final Deque<SendResult> results = new LinkedList<>();
        final List<OutboundMessage> sent = new ArrayList<>();

        @Override
        public InboundResult receive(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendResult send(OutboundMessage message) {
            sent.add(message);
            SendResult next = results.poll();
            if (next == null) {
                throw new IllegalStateException("connector bug");
            }
            return next;
        }
    }
}
