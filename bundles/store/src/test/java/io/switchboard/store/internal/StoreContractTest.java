package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Priority;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.store.UniqueViolation;
import io.switchboard.store.entity.ApiTokenRow;
import io.switchboard.store.entity.CallRow;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.ChangeRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.CustomerKeywordRow;
import io.switchboard.store.entity.CustomerMergeRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.IdentityRow;
import io.switchboard.store.entity.InboundEventRow;
import io.switchboard.store.entity.MediaRow;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.store.entity.TicketRow;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every database behind the store must do; run once per database by the subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456Z");
    static final Instant LATER = Instant.parse("2025-03-04T06:07:08.654321Z");

    HibernateStore store;

    /** Settings for an empty database of this kind that nothing else uses. */
    abstract StoreSettings freshDatabase() throws Exception;

    @BeforeAll
    void openStore() throws Exception {
        store = new HibernateStore(freshDatabase());
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void migratesTheSchemaAndValidatesTheEntitiesAgainstIt() {
        // Opening ran Flyway and Hibernate's validation; this checks what Flyway recorded.
        Number applied = store.transaction(em -> (Number) em.createNativeQuery(
                "select count(*) from \"flyway_schema_history\" where \"version\" = '1' and \"success\" = true")
                .getSingleResult());
        assertEquals(1, applied.intValue());
    }

    @Test
    void storesAndReadsEveryEntity() {
        CustomerRow customer = new CustomerRow();
        customer.name = "Ada Lovelace";
        customer.createdAt = CREATED;
        customer.mergedInto = 42L;
        CustomerRow readCustomer = roundTrip(customer, CustomerRow.class, c -> c.id);
        assertEquals("Ada Lovelace", readCustomer.name);
        assertEquals(CREATED, readCustomer.createdAt);
        assertEquals(42L, readCustomer.mergedInto);

        IdentityRow identity = new IdentityRow();
        identity.customerId = customer.id;
        identity.kind = IdentityKind.PHONE;
        identity.address = "+1415555" + unique().substring(0, 4);
        IdentityRow readIdentity = roundTrip(identity, IdentityRow.class, i -> i.id);
        assertEquals(customer.id, readIdentity.customerId);
        assertEquals(IdentityKind.PHONE, readIdentity.kind);
        assertEquals(identity.address, readIdentity.address);

        CustomerMergeRow merge = new CustomerMergeRow();
        merge.sourceId = 7L;
        merge.targetId = customer.id;
        merge.mergedBy = "agent-1";
        merge.mergedAt = LATER;
        CustomerMergeRow readMerge = roundTrip(merge, CustomerMergeRow.class, m -> m.id);
        assertEquals(7L, readMerge.sourceId);
        assertEquals(customer.id, readMerge.targetId);
        assertEquals("agent-1", readMerge.mergedBy);
        assertEquals(LATER, readMerge.mergedAt);

        TicketRow ticket = ticket(customer.id);
        ticket.queue = "billing";
        ticket.assignee = "agent-2";
        ticket.tags = "refund vip";
        ticket.firstResponseAt = LATER;
        ticket.solvedAt = LATER;
        TicketRow readTicket = roundTrip(ticket, TicketRow.class, t -> t.id);
        assertEquals("Cannot log in", readTicket.subject);
        assertEquals(TicketStatus.OPEN, readTicket.status);
        assertEquals(Priority.HIGH, readTicket.priority);
        assertEquals("billing", readTicket.queue);
        assertEquals("agent-2", readTicket.assignee);
        assertEquals("refund vip", readTicket.tags);
        assertEquals(customer.id, readTicket.customerId);
        assertEquals(CREATED, readTicket.createdAt);
        assertEquals(CREATED, readTicket.updatedAt);
        assertEquals(LATER, readTicket.firstResponseAt);
        assertEquals(LATER, readTicket.solvedAt);
        assertEquals(0L, readTicket.version);

        ConversationRow conversation = new ConversationRow();
        conversation.ticketId = ticket.id;
        conversation.channelInstance = "sms-main";
        conversation.channelType = "sms-twilio";
        conversation.threadId = "thread-9";
        conversation.addressKind = IdentityKind.PHONE;
        conversation.address = identity.address;
        conversation.createdAt = CREATED;
        conversation.lastMessageAt = LATER;
        ConversationRow readConversation = roundTrip(conversation, ConversationRow.class, c -> c.id);
        assertEquals(ticket.id, readConversation.ticketId);
        assertEquals("sms-main", readConversation.channelInstance);
        assertEquals("sms-twilio", readConversation.channelType);
        assertEquals("thread-9", readConversation.threadId);
        assertEquals(IdentityKind.PHONE, readConversation.addressKind);
        assertEquals(identity.address, readConversation.address);
        assertEquals(CREATED, readConversation.createdAt);
        assertEquals(LATER, readConversation.lastMessageAt);

        EntryRow entry = new EntryRow();
        entry.ticketId = ticket.id;
        entry.conversationId = conversation.id;
        entry.type = EntryType.MESSAGE;
        entry.direction = Direction.OUTBOUND;
        entry.authorType = AuthorType.AGENT;
        entry.author = "agent-2";
        entry.text = "x".repeat(100_000);
        entry.deliveryStatus = DeliveryStatus.FAILED;
        entry.providerMessageId = "SM" + unique();
        entry.failureReason = "Recipient opted out";
        entry.createdAt = CREATED;
        EntryRow readEntry = roundTrip(entry, EntryRow.class, e -> e.id);
        assertEquals(ticket.id, readEntry.ticketId);
        assertEquals(conversation.id, readEntry.conversationId);
        assertEquals(EntryType.MESSAGE, readEntry.type);
        assertEquals(Direction.OUTBOUND, readEntry.direction);
        assertEquals(AuthorType.AGENT, readEntry.authorType);
        assertEquals("agent-2", readEntry.author);
        assertEquals(entry.text, readEntry.text);
        assertEquals(DeliveryStatus.FAILED, readEntry.deliveryStatus);
        assertEquals(entry.providerMessageId, readEntry.providerMessageId);
        assertEquals("Recipient opted out", readEntry.failureReason);
        assertEquals(CREATED, readEntry.createdAt);

        AttachmentRow attachment = new AttachmentRow();
        attachment.entryId = entry.id;
        attachment.url = "https://media.example.com/" + unique();
        attachment.contentType = "image/png";
        attachment.fileName = "receipt.png";
        attachment.size = 2048;
        AttachmentRow readAttachment = roundTrip(attachment, AttachmentRow.class, a -> a.id);
        assertEquals(entry.id, readAttachment.entryId);
        assertEquals(attachment.url, readAttachment.url);
        assertEquals("image/png", readAttachment.contentType);
        assertEquals("receipt.png", readAttachment.fileName);
        assertEquals(2048, readAttachment.size);

        InboundEventRow event = event("sms-main", "evt-" + unique());
        InboundEventRow readEvent = roundTrip(event, InboundEventRow.class, e -> e.id);
        assertEquals("sms-main", readEvent.channelInstance);
        assertEquals(event.eventId, readEvent.eventId);
        assertEquals(CREATED, readEvent.receivedAt);

        OutboxRow outbox = outbox(UUID.randomUUID().toString(), entry.id);
        outbox.lastError = "HTTP 503";
        OutboxRow readOutbox = roundTrip(outbox, OutboxRow.class, o -> o.id);
        assertEquals(entry.id, readOutbox.entryId);
        assertEquals("sms-main", readOutbox.channelInstance);
        assertEquals(OutboxRow.State.PENDING, readOutbox.state);
        assertEquals(3, readOutbox.attempts);
        assertEquals(LATER, readOutbox.nextAttemptAt);
        assertEquals("HTTP 503", readOutbox.lastError);
        assertEquals(CREATED, readOutbox.createdAt);
        assertEquals(LATER, readOutbox.updatedAt);

        ApiTokenRow token = new ApiTokenRow();
        token.name = "console";
        token.role = "admin";
        token.tokenSha256 = unique();
        token.createdAt = CREATED;
        ApiTokenRow readToken = roundTrip(token, ApiTokenRow.class, t -> t.id);
        assertEquals("console", readToken.name);
        assertEquals("admin", readToken.role);
        assertEquals(token.tokenSha256, readToken.tokenSha256);
        assertEquals(CREATED, readToken.createdAt);
    }

    @Test
    void keepsAttachmentStatusMediaContentAndKeywords() {
        AttachmentRow attachment = new AttachmentRow();
        attachment.entryId = 5L;
        attachment.url = "https://api.example.com/media/" + unique();
        assertEquals(AttachmentRow.Status.REFERENCED, roundTrip(attachment, AttachmentRow.class, a -> a.id).status,
                "a new attachment is a reference unless said otherwise");
        store.run(em -> {
            AttachmentRow row = em.find(AttachmentRow.class, attachment.id);
            row.status = AttachmentRow.Status.PENDING;
            row.attempts = 2;
            row.nextAttemptAt = LATER;
            row.lastError = "HTTP 503";
            row.mediaSha256 = "ab".repeat(32);
        });
        AttachmentRow pending = store.transaction(em -> em.find(AttachmentRow.class, attachment.id));
        assertEquals(AttachmentRow.Status.PENDING, pending.status);
        assertEquals(2, pending.attempts);
        assertEquals(LATER, pending.nextAttemptAt);
        assertEquals("HTTP 503", pending.lastError);
        assertEquals("ab".repeat(32), pending.mediaSha256);

        // Larger than any page or inline limit, with every byte value, as media are.
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 7);
        }
        MediaRow media = new MediaRow();
        media.sha256 = unique() + unique();
        media.contentType = "image/jpeg";
        media.size = content.length;
        media.content = content;
        media.createdAt = CREATED;
        MediaRow readMedia = roundTrip(media, MediaRow.class, m -> m.sha256);
        assertTrue(java.util.Arrays.equals(content, readMedia.content), "the bytes come back exactly");
        assertEquals("image/jpeg", readMedia.contentType);
        assertEquals(content.length, readMedia.size);
        assertEquals(CREATED, readMedia.createdAt);
        assertThrows(UniqueViolation.class, () -> store.run(em -> {
            MediaRow again = new MediaRow();
            again.sha256 = media.sha256;
            again.size = 1;
            again.content = new byte[] {1};
            again.createdAt = CREATED;
            em.persist(again);
        }), "one row per content");

        CustomerKeywordRow keyword = new CustomerKeywordRow();
        keyword.customerId = 9L;
        keyword.channelInstance = "sms-main";
        keyword.addressKind = IdentityKind.PHONE;
        keyword.address = "+14155550100";
        keyword.keyword = "HELP";
        keyword.receivedAt = LATER;
        CustomerKeywordRow readKeyword = roundTrip(keyword, CustomerKeywordRow.class, k -> k.id);
        assertEquals(9L, readKeyword.customerId);
        assertEquals("sms-main", readKeyword.channelInstance);
        assertEquals(IdentityKind.PHONE, readKeyword.addressKind);
        assertEquals("+14155550100", readKeyword.address);
        assertEquals("HELP", readKeyword.keyword);
        assertEquals(LATER, readKeyword.receivedAt);
    }

    @Test
    void optimisticLockRejectsAStaleTicketUpdate() {
        TicketRow ticket = ticket(1L);
        store.run(em -> em.persist(ticket));
        TicketRow stale = store.transaction(em -> em.find(TicketRow.class, ticket.id));
        store.run(em -> em.find(TicketRow.class, ticket.id).subject = "first change");

        stale.subject = "second change";
        assertThrows(RuntimeException.class, () -> store.run(em -> em.merge(stale)));
        assertEquals("first change", store.transaction(em -> em.find(TicketRow.class, ticket.id).subject));
    }

    @Test
    void aTransactionThatLostARaceForARowIsRunAgain() throws Exception {
        TicketRow ticket = ticket(1L);
        store.run(em -> em.persist(ticket));
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread other = new Thread(() -> {
            await(read);
            store.run(em -> em.find(TicketRow.class, ticket.id).subject = "other change");
            otherCommitted.countDown();
        });
        other.start();

        String result = store.transactionRetryingConflicts(em -> {
            TicketRow row = em.find(TicketRow.class, ticket.id);
            seen.add(row.subject);
            if (seen.size() == 1) {
                read.countDown();
                await(otherCommitted);
            }
            row.queue = "billing";
            return row.subject;
        });
        other.join();

        assertEquals(2, seen.size(), "the first run lost the race on the ticket's version and ran again");
        assertEquals("other change", result);
        TicketRow stored = store.transaction(em -> em.find(TicketRow.class, ticket.id));
        assertEquals("other change", stored.subject);
        assertEquals("billing", stored.queue);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, java.util.concurrent.TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nestedTransactionJoinsTheOuterOne() {
        String instance = "nested-" + unique();
        store.run(outer -> {
            outer.persist(event(instance, "outer"));
            store.run(inner -> {
                assertSame(outer, inner);
                inner.persist(event(instance, "inner"));
            });
        });
        assertEquals(2, countEvents(instance));
    }

    @Test
    void failureInsideANestedTransactionRollsBackTheOuterOne() {
        String instance = "nested-failure-" + unique();
        // Even when the outer work swallows the inner failure, nothing of either may be committed.
        assertThrows(RuntimeException.class, () -> store.run(outer -> {
            outer.persist(event(instance, "outer"));
            try {
                store.run(inner -> {
                    inner.persist(event(instance, "inner"));
                    throw new IllegalStateException("inner part failed");
                });
            } catch (IllegalStateException expected) {
                assertEquals("inner part failed", expected.getMessage());
            }
        }));
        assertEquals(0, countEvents(instance));
    }

    @Test
    void exceptionRollsBackAndReachesTheCallerUnchanged() {
        String instance = "rollback-" + unique();
        IllegalArgumentException failure = new IllegalArgumentException("bad input");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> store.run(em -> {
            em.persist(event(instance, "a"));
            em.persist(event(instance, "b"));
            em.flush();
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(0, countEvents(instance));
    }

    @Test
    void storeIsUsableAfterARollback() {
        String instance = "after-rollback-" + unique();
        assertThrows(IllegalStateException.class, () -> store.run(em -> {
            em.persist(event(instance, "lost"));
            throw new IllegalStateException("abort");
        }));
        store.run(em -> em.persist(event(instance, "kept")));
        assertEquals(1, countEvents(instance));
    }

    @Test
    void duplicateInboundEventIsAUniqueViolation() {
        String instance = "dedup-" + unique();
        store.run(em -> em.persist(event(instance, "evt-1")));

        UniqueViolation violation = assertThrows(UniqueViolation.class,
                () -> store.run(em -> em.persist(event(instance, "evt-1"))));
        assertTrue(violation.getMessage().toLowerCase().contains("uk_inbound_event_instance_event"),
                violation.getMessage());
        assertEquals(1, countEvents(instance));
    }

    @Test
    void duplicateDetectedAtCommitIsAUniqueViolation() {
        // Outbox ids are assigned, not generated, so the insert waits for the flush at commit.
        String id = UUID.randomUUID().toString();
        store.run(em -> em.persist(outbox(id, 1L)));
        assertThrows(UniqueViolation.class, () -> store.run(em -> em.persist(outbox(id, 2L))));
        long storedEntry = store.transaction(em -> em.find(OutboxRow.class, id).entryId);
        assertEquals(1L, storedEntry);
    }

    @Test
    void uniqueViolationInsideANestedTransactionReachesTheOuterCaller() {
        String instance = "nested-dup-" + unique();
        store.run(em -> em.persist(event(instance, "evt")));
        assertThrows(UniqueViolation.class, () -> store.run(outer -> store.run(inner ->
                inner.persist(event(instance, "evt")))));
        assertEquals(1, countEvents(instance));
    }

    @Test
    void concurrentDuplicatesStoreExactlyOneRow() throws Exception {
        String instance = "race-" + unique();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String eventId = "evt-" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    outcomes.add(threads.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        try {
                            store.run(em -> em.persist(event(instance, eventId)));
                            return "stored";
                        } catch (UniqueViolation duplicate) {
                            return "duplicate";
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(60, TimeUnit.SECONDS));
                }
                results.sort(null);
                assertEquals(List.of("duplicate", "stored"), results, "round " + round);
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(20, countEvents(instance));
    }

    @Test
    void committedDataSurvivesCloseAndReopen() throws Exception {
        StoreSettings settings = freshDatabase();
        HibernateStore first = new HibernateStore(settings);
        CustomerRow customer = new CustomerRow();
        try {
            customer.name = "Grace Hopper";
            customer.createdAt = CREATED;
            first.run(em -> em.persist(customer));
        } finally {
            first.close();
        }

        HibernateStore reopened = new HibernateStore(settings);
        try {
            CustomerRow read = reopened.transaction(em -> em.find(CustomerRow.class, customer.id));
            assertNotNull(read);
            assertEquals("Grace Hopper", read.name);
        } finally {
            reopened.close();
        }
    }

    @Test
    void closedStoreRefusesWork() throws Exception {
        HibernateStore closed = new HibernateStore(freshDatabase());
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.run(em -> em.persist(event("x", "y"))));
    }

    @Test
    void findsNothingWhereNothingWasStored() {
        assertNull(store.transaction(em -> em.find(TicketRow.class, Long.MAX_VALUE)));
    }

    <T> T roundTrip(T row, Class<T> type, java.util.function.Function<T, Object> id) {
        store.run(em -> em.persist(row));
        Object key = id.apply(row);
        assertNotNull(key, "id after persist");
        T read = store.transaction(em -> em.find(type, key));
        assertNotNull(read, type.getSimpleName() + " read back");
        return read;
    }

    @Test
    void keepsACallOncePerInstanceAndCallIdAndLocksItOptimistically() {
        CallRow call = new CallRow();
        call.entryId = 7_000_000L + (long) (Math.random() * 1_000_000);
        call.channelInstance = "voice-main";
        call.callId = "CA" + unique();
        call.direction = Direction.INBOUND;
        call.outcome = CallOutcome.VOICEMAIL;
        call.ivrPath = "main" + CallRow.PATH_SEPARATOR + "billing";
        call.queue = "billing";
        call.ivrSeconds = 12L;
        call.waitSeconds = 95L;
        call.talkSeconds = null;
        call.agent = "client:ada";
        call.startedAt = CREATED;
        call.endedAt = LATER;
        call.transcript = "Hello, this is about my invoice. ".repeat(2000);
        CallRow read = roundTrip(call, CallRow.class, c -> c.id);
        assertEquals(call.entryId, read.entryId);
        assertEquals("voice-main", read.channelInstance);
        assertEquals(call.callId, read.callId);
        assertEquals(Direction.INBOUND, read.direction);
        assertEquals(CallOutcome.VOICEMAIL, read.outcome);
        assertEquals("main > billing", read.ivrPath);
        assertEquals("billing", read.queue);
        assertEquals(12L, read.ivrSeconds);
        assertEquals(95L, read.waitSeconds);
        assertNull(read.talkSeconds);
        assertEquals("client:ada", read.agent);
        assertEquals(CREATED, read.startedAt);
        assertEquals(LATER, read.endedAt);
        assertEquals(call.transcript, read.transcript);

        assertThrows(UniqueViolation.class, () -> store.run(em -> {
            CallRow again = new CallRow();
            again.entryId = call.entryId + 1;
            again.channelInstance = call.channelInstance;
            again.callId = call.callId;
            again.direction = Direction.INBOUND;
            again.startedAt = CREATED;
            em.persist(again);
        }), "one row per instance and call id");

        CallRow stale = store.transaction(em -> em.find(CallRow.class, call.id));
        store.run(em -> em.find(CallRow.class, call.id).talkSeconds = 30L);
        stale.agent = "client:bob";
        assertThrows(RuntimeException.class, () -> store.run(em -> em.merge(stale)));
        CallRow now = store.transaction(em -> em.find(CallRow.class, call.id));
        assertEquals(30L, now.talkSeconds);
        assertEquals("client:ada", now.agent);
    }

    @Test
    void aChangedCallIsAChangeOfItsEntry() {
        long[] ids = store.transaction(em -> {
            TicketRow ticket = ticket(1L);
            em.persist(ticket);
            EntryRow entry = entry(ticket.id);
            em.persist(entry);
            CallRow call = new CallRow();
            call.entryId = entry.id;
            call.channelInstance = "voice-main";
            call.callId = "CA" + unique();
            call.direction = Direction.OUTBOUND;
            call.startedAt = CREATED;
            em.persist(call);
            return new long[] {ticket.id, entry.id, call.id};
        });
        long start = lastPosition();
        store.run(em -> em.find(CallRow.class, ids[2]).outcome = CallOutcome.ANSWERED);
        List<ChangeRow> changes = awaitChanges(start, 1);
        assertEquals(List.of("ENTRY " + ids[1] + " " + ids[0]),
                changes.stream().map(c -> c.kind + " " + c.entityId + " " + c.ticketId).toList());
    }

    // --- the change stream -----------------------------------------------------------------------------

    @Test
    void everyTouchedObjectIsOneChangeInTheStream() {
        long start = lastPosition();
        long[] ids = store.transaction(em -> {
            CustomerRow customer = customer("Grace");
            em.persist(customer);
            IdentityRow identity = new IdentityRow();
            identity.customerId = customer.id;
            identity.kind = IdentityKind.EMAIL;
            identity.address = unique() + "@example.com";
            em.persist(identity);
            TicketRow ticket = ticket(customer.id);
            em.persist(ticket);
            EntryRow entry = entry(ticket.id);
            em.persist(entry);
            em.flush();
            ticket.subject = "changed in the same transaction";
            return new long[] {customer.id, ticket.id, entry.id};
        });
        List<ChangeRow> changes = awaitChanges(start, 3);
        assertEquals(List.of("CUSTOMER " + ids[0] + " null", "TICKET " + ids[1] + " " + ids[1],
                "ENTRY " + ids[2] + " " + ids[1]), changes.stream().map(c -> c.kind + " " + c.entityId + " " + c.ticketId).toList());
        assertEquals(1L, (long) store.transaction(em -> em.find(CustomerRow.class, ids[0]).version),
                "the customer's version counts the change of their identities");
    }

    @Test
    void aRolledBackTransactionLeavesNoChange() {
        long start = lastPosition();
        assertThrows(IllegalStateException.class, () -> store.run(em -> {
            em.persist(customer("Nobody"));
            em.flush();
            throw new IllegalStateException("abandoned");
        }));
        long marker = store.transaction(em -> {
            CustomerRow customer = customer("Marker");
            em.persist(customer);
            return customer.id;
        });
        List<ChangeRow> changes = awaitChanges(start, 1);
        assertEquals(List.of(marker), changes.stream().map(c -> c.entityId).toList());
    }

    @Test
    void aReaderFollowingThePositionsMissesNothingWhileWritersCommitInAnyOrder() throws Exception {
        long start = lastPosition();
        int writers = 4;
        int perWriter = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Long>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                written.add(pool.submit(() -> {
                    List<Long> customers = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        customers.add(store.transaction(em -> {
                            CustomerRow customer = customer("Writer");
                            em.persist(customer);
                            return customer.id;
                        }));
                    }
                    return customers;
                }));
            }
            // Read concurrently, the way a bridge does: only ever past the last position handled.
            List<Long> seen = new ArrayList<>();
            long cursor = start;
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.size() < writers * perWriter && System.currentTimeMillis() < deadline) {
                List<ChangeRow> batch = changesAfter(cursor, 37);
                for (ChangeRow change : batch) {
                    assertTrue(change.position > cursor, "positions grow");
                    cursor = change.position;
                    seen.add(change.entityId);
                }
                if (batch.isEmpty()) {
                    Thread.sleep(10);
                }
            }
            List<Long> expected = new ArrayList<>();
            for (Future<List<Long>> writer : written) {
                expected.addAll(writer.get());
            }
            assertEquals(expected.stream().sorted().toList(), seen.stream().sorted().toList());
        } finally {
            pool.shutdown();
        }
    }

    long lastPosition() {
        awaitChanges(0, 0);
        return store.transaction(em -> em.createQuery("select coalesce(max(c.position), 0) from Change c", Long.class)
                .getSingleResult());
    }

    /** Waits until every committed change has a position, then returns the changes after {@code position}. */
    List<ChangeRow> awaitChanges(long position, int expected) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            long waiting = store.transaction(em -> em.createQuery(
                    "select count(c) from Change c where c.position is null", Long.class).getSingleResult());
            List<ChangeRow> changes = changesAfter(position, 1000);
            if (waiting == 0 && changes.size() >= expected) {
                return changes;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the sequencer did not number the changes in time");
    }

    List<ChangeRow> changesAfter(long position, int limit) {
        return store.transaction(em -> em.createQuery(
                        "select c from Change c where c.position > :p order by c.position", ChangeRow.class)
                .setParameter("p", position).setMaxResults(limit).getResultList());
    }

    static EntryRow entry(long ticketId) {
        EntryRow entry = new EntryRow();
        entry.ticketId = ticketId;
        entry.type = EntryType.NOTE;
        entry.authorType = AuthorType.AGENT;
        entry.author = "agent-2";
        entry.text = "a note";
        entry.createdAt = CREATED;
        return entry;
    }

    static CustomerRow customer(String name) {
        CustomerRow customer = new CustomerRow();
        customer.name = name;
        customer.createdAt = CREATED;
        return customer;
    }

    long countEvents(String instance) {
        return store.transaction(em -> count(em, instance));
    }

    static long count(EntityManager em, String instance) {
        return em.createQuery("select count(e) from InboundEvent e where e.channelInstance = :instance", Long.class)
                .setParameter("instance", instance)
                .getSingleResult();
    }

    static InboundEventRow event(String instance, String eventId) {
        InboundEventRow event = new InboundEventRow();
        event.channelInstance = instance;
        event.eventId = eventId;
        event.receivedAt = CREATED;
        return event;
    }

    static TicketRow ticket(long customerId) {
        TicketRow ticket = new TicketRow();
        ticket.subject = "Cannot log in";
        ticket.status = TicketStatus.OPEN;
        ticket.priority = Priority.HIGH;
        ticket.customerId = customerId;
        ticket.createdAt = CREATED;
        ticket.updatedAt = CREATED;
        return ticket;
    }

    static OutboxRow outbox(String id, long entryId) {
        OutboxRow outbox = new OutboxRow();
        outbox.id = id;
        outbox.entryId = entryId;
        outbox.channelInstance = "sms-main";
        outbox.state = OutboxRow.State.PENDING;
        outbox.attempts = 3;
        outbox.nextAttemptAt = LATER;
        outbox.createdAt = CREATED;
        outbox.updatedAt = LATER;
        return outbox;
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
