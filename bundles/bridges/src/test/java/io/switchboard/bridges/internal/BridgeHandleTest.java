package io.switchboard.bridges.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.bridge.ApplyResult;
import io.switchboard.api.bridge.BridgeContext;
import io.switchboard.api.bridge.BridgeInstance;
import io.switchboard.api.bridge.BridgeType;
import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ExternalRef;
import io.switchboard.api.bridge.ModelChange;
import io.switchboard.api.bridge.Versioned;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.store.Store;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.MediaRow;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.TicketService;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A bridge follows the change stream in order, resumes where it stopped, and never hears its own echo. */
class BridgeHandleTest {
    private TestDatabase database;
    private Store store;
    private TicketService tickets;
    private final List<BridgeHandle> handles = new ArrayList<>();

    @AfterEach
    void close() {
        handles.forEach(BridgeHandle::dispose);
        database.close();
    }

    private void open(TestDatabase.Kind kind) {
        database = TestDatabase.open(kind);
        store = database.store();
        tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
    }

    /** A bridge that records what it is offered and answers what the test tells it to. */
    static final class Recording implements BridgeType {
        final List<ModelChange> applied = Collections.synchronizedList(new ArrayList<>());
        volatile Function<ModelChange, ApplyResult> answer = change -> ApplyResult.applied();
        volatile BridgeContext context;

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public String displayName() {
            return "Recording";
        }

        @Override
        public BridgeInstance create(BridgeContext created) {
            this.context = created;
            return change -> {
                ApplyResult result = answer.apply(change);
                if (result instanceof ApplyResult.Applied) {
                    applied.add(change);
                }
                return result;
            };
        }
    }

    private BridgeHandle start(Recording bridge) {
        BridgeHandle handle = new BridgeHandle("rt", "recording", "switchboard.bridge.recording~rt", Map.of(),
                new BridgeModel("rt", store, tickets), Duration.ofMillis(20), Duration.ofMillis(20));
        handles.add(handle);
        handle.start(bridge);
        return handle;
    }

    private void stop(BridgeHandle handle) {
        handle.dispose();
        handles.remove(handle);
    }

    private long customerWrites(String sid, String text) {
        tickets.apply("sms", "sms-test", new InboundMessage(sid, null,
                new Contact(Address.phone("+14155550100"), List.of(), "Ada"), null, text, List.of()));
        return tickets.list(new io.switchboard.tickets.TicketQuery(null, null, null, null, null, 0, 10))
                .items().get(0).id();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void changesArriveInOrderAndAStoppedBridgeResumesWhereItLeftOff(TestDatabase.Kind kind) {
        open(kind);
        Recording bridge = new Recording();
        BridgeHandle handle = start(bridge);
        long ticket = customerWrites("SM1", "my router is broken");
        await(() -> bridge.applied.stream().anyMatch(c -> c.kind() == EntityKind.ENTRY));
        stop(handle);
        int seenBeforeStop = bridge.applied.size();

        customerWrites("SM2", "still broken");
        Recording restarted = new Recording();
        start(restarted);
        await(() -> restarted.applied.stream().filter(c -> c.kind() == EntityKind.ENTRY).count() == 1);

        List<ModelChange> all = new ArrayList<>(bridge.applied.subList(0, seenBeforeStop));
        all.addAll(restarted.applied);
        List<Long> positions = all.stream().map(ModelChange::position).toList();
        assertEquals(positions.stream().sorted().distinct().toList(), positions, "in order, none twice");
        assertTrue(restarted.applied.stream().allMatch(c -> c.position() > bridge.applied.get(seenBeforeStop - 1).position()),
                "the restarted bridge is offered only what came after the first one's last change");
        assertTrue(all.stream().anyMatch(c -> c.kind() == EntityKind.TICKET && c.entityId() == ticket));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRetryHoldsTheStreamAndOffersTheSameChangeAgain(TestDatabase.Kind kind) {
        open(kind);
        Recording bridge = new Recording();
        List<Long> offered = Collections.synchronizedList(new ArrayList<>());
        bridge.answer = change -> {
            offered.add(change.position());
            return offered.size() < 3 ? ApplyResult.retry("the product is down") : ApplyResult.applied();
        };
        start(bridge);
        customerWrites("SM1", "hello");
        await(() -> bridge.applied.size() >= 3);
        assertEquals(offered.get(0), offered.get(1));
        assertEquals(offered.get(0), offered.get(2));
        assertEquals(offered.get(0), bridge.applied.get(0).position());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aReplyFromTheProductIsTakenOnceAndCarriesItsReference(TestDatabase.Kind kind) {
        open(kind);
        Recording bridge = new Recording();
        start(bridge);
        long ticket = customerWrites("SM1", "hello");
        await(() -> bridge.context != null);

        long first = bridge.context.reply(ticket, "bob", "Have you tried turning it off and on?", "rt-txn-17");
        long again = bridge.context.reply(ticket, "bob", "Have you tried turning it off and on?", "rt-txn-17");

        assertEquals(first, again);
        Ticket stored = tickets.get(ticket).orElseThrow();
        assertEquals(1, stored.timeline().stream().filter(e -> e.text().startsWith("Have you tried")).count());
        long queued = store.transaction(em -> em.createQuery("select count(o) from Outbox o", Long.class).getSingleResult());
        assertEquals(1L, queued, "the reply goes out once");
        ExternalRef ref = bridge.context.refs().find(EntityKind.ENTRY, first).orElseThrow();
        assertEquals("rt-txn-17", ref.externalId());
        await(() -> bridge.applied.stream().anyMatch(c -> c.kind() == EntityKind.ENTRY && c.entityId() == first));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStatusChangeFromTheProductIsAlreadySyncedWhenItComesBackThroughTheStream(TestDatabase.Kind kind) {
        open(kind);
        Recording bridge = new Recording();
        start(bridge);
        long ticket = customerWrites("SM1", "hello");
        await(() -> bridge.context != null);
        bridge.context.refs().put(new ExternalRef(EntityKind.TICKET, ticket, "1017", 0));

        bridge.context.changeStatus(ticket, TicketStatus.SOLVED, "bob", "rt-txn-20");
        bridge.context.changeStatus(ticket, TicketStatus.OPEN, "bob", "rt-txn-20");

        Versioned<Ticket> current = bridge.context.model().ticket(ticket).orElseThrow();
        assertEquals(TicketStatus.SOLVED, current.value().status(), "the second delivery of the event had no effect");
        assertEquals(current.version(), bridge.context.refs().find(EntityKind.TICKET, ticket).orElseThrow().syncedVersion());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aBridgeReadsTheContentOfStoredMediaAndNothingForAMereLink(TestDatabase.Kind kind) {
        open(kind);
        long ticket = customerWrites("SM1", "photo attached");
        long entry = tickets.get(ticket).orElseThrow().timeline().get(0).id();
        byte[] photo = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        store.run(em -> {
            MediaRow media = new MediaRow();
            media.sha256 = "ab".repeat(32);
            media.contentType = "image/jpeg";
            media.size = photo.length;
            media.content = photo;
            media.createdAt = java.time.Instant.now();
            em.persist(media);
            AttachmentRow stored = new AttachmentRow();
            stored.entryId = entry;
            stored.url = "https://media.example/photo.jpg";
            stored.status = AttachmentRow.Status.STORED;
            stored.mediaSha256 = media.sha256;
            em.persist(stored);
        });
        BridgeModel model = new BridgeModel("rt", store, tickets);

        assertArrayEquals(photo, model.attachmentContent(Attachment.of("https://media.example/photo.jpg")).orElseThrow());
        assertTrue(model.attachmentContent(Attachment.of("https://example.com/link")).isEmpty());
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not reached in time");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
