package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.store.Store;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.StoredAttachment;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The media fetcher against a real store and the real ticket rules, with a scripted connector and a hand-moved clock. */
class MediaFetcherTest {
    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static final byte[] PHOTO = "\u00ff\u00d8 a photo".getBytes(StandardCharsets.ISO_8859_1);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final ScriptedInstance connector = new ScriptedInstance();
    private TestDatabase database;
    private Store store;
    private TicketServiceImpl tickets;
    private InstanceHandle handle;
    private boolean running = true;
    private boolean configured = true;
    private MediaFetcher fetcher;

    @BeforeEach
    void open() {
        open(TestDatabase.Kind.H2);
    }

    /** Most tests run on H2 only; the ones that show the queries and the byte storage hold run on PostgreSQL too. */
    private void open(TestDatabase.Kind kind) {
        if (database != null) {
            database.close();
        }
        database = TestDatabase.open(kind);
        store = database.store();
        tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), clock);
        handle = new InstanceHandle("sms", "sms-test", "switchboard.channel.sms_test~sms", Map.of(), events -> { });
        handle.start(connector);
        fetcher = fetcher(1024);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private MediaFetcher fetcher(long maxBytes) {
        return new MediaFetcher(() -> store, id -> running && id.equals("sms") ? Optional.of(handle) : Optional.empty(),
                id -> configured, 3, BACKOFF, maxBytes, Runnable::run, clock);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void eachAttachmentIsOfferedAsStoredAndItsContentKeptOnceForIdenticalBytes(TestDatabase.Kind kind) {
        open(kind);
        long ticket = mms("MM1", new Attachment("https://media.example/ME1", "image/jpeg", "ME1.jpg", -1),
                new Attachment("https://media.example/ME2", null, null, -1));
        connector.results.add(MediaResult.fetched(PHOTO, "image/jpeg"));
        connector.results.add(MediaResult.fetched(PHOTO.clone(), null));

        fetcher.run();

        assertEquals(List.of(new Attachment("https://media.example/ME1", "image/jpeg", "ME1.jpg", -1),
                new Attachment("https://media.example/ME2", null, null, -1)), connector.offered);
        List<StoredAttachment> attachments = tickets.attachments(ticket);
        assertEquals(List.of(StoredAttachment.Status.STORED, StoredAttachment.Status.STORED),
                attachments.stream().map(StoredAttachment::status).toList());
        assertEquals(PHOTO.length, attachments.get(0).size());
        for (StoredAttachment attachment : attachments) {
            assertArrayEquals(PHOTO, tickets.media(attachment.id()).orElseThrow().content());
        }
        assertEquals("image/jpeg", tickets.media(attachments.get(1).id()).orElseThrow().contentType(),
                "the type of the identical content stored before");
        assertEquals(1L, mediaRows(), "identical content is kept once");
        assertEquals(MediaFetcher.sha256(PHOTO), row(attachments.get(0).id()).mediaSha256);

        fetcher.run();
        assertEquals(2, connector.offered.size(), "a stored attachment is not offered again");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aCallRecordingIsFetchedThroughTheCallsInstanceLikeMmsMedia(TestDatabase.Kind kind) {
        open(kind);
        byte[] audio = "RIFF a voicemail".getBytes(StandardCharsets.ISO_8859_1);
        Attachment recording = new Attachment("https://api.twilio.com/Recordings/RE1", "audio/wav", null, -1);
        Contact caller = new Contact(Address.phone("+14155550100"), List.of(), null);
        tickets.apply("sms", "sms-test", new CallUpdate("CA1-ringing", clock.instant(), caller, "CA1", null, null,
                null, null, null, null, null, null, null, null, null));
        tickets.apply("sms", "sms-test", new CallUpdate("RE1", clock.instant(), caller, "CA1", null,
                CallOutcome.VOICEMAIL, null, null, null, null, null, null, clock.instant(), recording, null));
        long ticket = tickets.list(new TicketQuery(null, null, null, null, null, 0, 10)).items().get(0).id();
        connector.results.add(MediaResult.fetched(audio, "audio/x-wav"));

        fetcher.run();

        assertEquals(List.of(recording), connector.offered);
        StoredAttachment stored = tickets.attachments(ticket).get(0);
        assertEquals(StoredAttachment.Status.STORED, stored.status());
        assertEquals(tickets.get(ticket).orElseThrow().timeline().get(0).id(), stored.entryId(),
                "the recording belongs to the call's entry");
        assertArrayEquals(audio, tickets.media(stored.id()).orElseThrow().content());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRetryableFailureComesBackAfterTheBackOffAndThenIsStored(TestDatabase.Kind kind) {
        open(kind);
        long ticket = mms("MM1", new Attachment("https://media.example/ME1", "image/png", null, -1));
        connector.results.add(MediaResult.retry("Twilio answered 503"));
        connector.results.add(MediaResult.fetched(PHOTO, "image/png"));

        fetcher.run();
        AttachmentRow waiting = row(tickets.attachments(ticket).get(0).id());
        assertEquals(AttachmentRow.Status.PENDING, waiting.status);
        assertEquals(1, waiting.attempts);
        assertEquals("Twilio answered 503", waiting.lastError);
        assertTrue(waiting.nextAttemptAt.isAfter(clock.instant()), "not before the back-off");
        fetcher.run();
        assertEquals(1, connector.offered.size(), "not offered again before it is due");

        clock.advance(BACKOFF.multipliedBy(2));
        fetcher.run();

        AttachmentRow stored = row(waiting.id);
        assertEquals(AttachmentRow.Status.STORED, stored.status);
        assertEquals(2, stored.attempts);
        assertNull(stored.lastError);
        assertNull(stored.nextAttemptAt);
    }

    @Test
    void retriesGiveUpAfterTheLastAttemptSayingWhy() {
        long ticket = mms("MM1", new Attachment("https://media.example/ME1", null, null, -1));
        for (int i = 0; i < 5; i++) {
            connector.results.add(MediaResult.retry("timeout"));
        }
        for (int i = 0; i < 5; i++) {
            fetcher.run();
            clock.advance(Duration.ofHours(1));
        }
        assertEquals(3, connector.offered.size());
        StoredAttachment failed = tickets.attachments(ticket).get(0);
        assertEquals(StoredAttachment.Status.FAILED, failed.status());
        assertEquals("gave up after 3 attempts: timeout", failed.failureReason());
    }

    @Test
    void aPermanentFailureAndAKeptReferenceAreFinal() {
        long ticket = mms("MM1", new Attachment("https://media.example/gone", null, null, -1),
                new Attachment("https://cdn.example/public.png", "image/png", null, -1));
        connector.results.add(MediaResult.failed("Twilio answered 404: the media was deleted"));
        connector.results.add(MediaResult.keepReference());

        fetcher.run();
        clock.advance(Duration.ofHours(1));
        fetcher.run();

        List<StoredAttachment> attachments = tickets.attachments(ticket);
        assertEquals(StoredAttachment.Status.FAILED, attachments.get(0).status());
        assertEquals("Twilio answered 404: the media was deleted", attachments.get(0).failureReason());
        assertEquals(StoredAttachment.Status.REFERENCED, attachments.get(1).status());
        assertTrue(tickets.media(attachments.get(1).id()).isEmpty());
        assertEquals(2, connector.offered.size());
    }

    @Test
    void aConnectorThatDoesNotFetchMediaKeepsReferences() {
        handle = new InstanceHandle("sms", "sms-test", "switchboard.channel.sms_test~sms", Map.of(), events -> { });
        handle.start(new ChannelInstance() {
            @Override
            public InboundResult receive(WebhookRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SendResult send(OutboundMessage message) {
                throw new UnsupportedOperationException();
            }
        });
        long ticket = mms("MM1", new Attachment("https://cdn.example/public.png", "image/png", null, -1));

        fetcher.run();

        assertEquals(StoredAttachment.Status.REFERENCED, tickets.attachments(ticket).get(0).status());
    }

    @Test
    void contentOverTheLimitIsNotKept() {
        long ticket = mms("MM1", new Attachment("https://media.example/ME1", null, null, -1));
        connector.results.add(MediaResult.fetched(new byte[11], "video/mp4"));

        fetcher(10).run();

        StoredAttachment failed = tickets.attachments(ticket).get(0);
        assertEquals(StoredAttachment.Status.FAILED, failed.status());
        assertTrue(failed.failureReason().startsWith("too large: 11 bytes"), failed.failureReason());
        assertEquals(0L, mediaRows());
    }

    @Test
    void aThrowingConnectorIsRetriedNotLost() {
        long ticket = mms("MM1", new Attachment("https://media.example/ME1", null, null, -1));
        connector.results.add(null);
        connector.results.add(MediaResult.fetched(PHOTO, null));

        fetcher.run();
        assertEquals(AttachmentRow.Status.PENDING, row(tickets.attachments(ticket).get(0).id()).status);
        clock.advance(Duration.ofHours(1));
        fetcher.run();

        assertEquals(StoredAttachment.Status.STORED, tickets.attachments(ticket).get(0).status());
    }

    @Test
    void mediaWaitWhileTheInstanceIsDownSurviveARestartAndFailWhenItIsDeleted() {
        long ticket = mms("MM1", new Attachment("https://media.example/ME1", null, null, -1),
                new Attachment("https://media.example/ME2", null, null, -1));
        running = false;
        fetcher.run();
        assertEquals(0, row(tickets.attachments(ticket).get(0).id()).attempts, "waiting costs no attempt");
        assertTrue(connector.offered.isEmpty());

        // What is pending is in the database: a fetcher started afresh finds it.
        running = true;
        connector.results.add(MediaResult.fetched(PHOTO, null));
        connector.results.add(MediaResult.retry("busy"));
        fetcher(1024).run();
        assertEquals(List.of(StoredAttachment.Status.STORED, StoredAttachment.Status.PENDING),
                tickets.attachments(ticket).stream().map(StoredAttachment::status).toList());

        running = false;
        configured = false;
        clock.advance(Duration.ofHours(1));
        fetcher.run();
        StoredAttachment second = tickets.attachments(ticket).get(1);
        assertEquals(StoredAttachment.Status.FAILED, second.status());
        assertEquals("channel instance sms no longer exists", second.failureReason());
        assertEquals(2, connector.offered.size());
    }

    private long mms(String sid, Attachment... attachments) {
        tickets.apply("sms", "sms-test", new InboundMessage(sid, clock.instant(),
                new Contact(Address.phone("+14155550100"), List.of(), null), null, "", List.of(attachments)));
        return tickets.list(new TicketQuery(null, null, null, null, null, 0, 1)).items().get(0).id();
    }

    private long mediaRows() {
        return store.transaction(em -> em.createQuery("select count(m) from Media m", Long.class).getSingleResult());
    }

    private AttachmentRow row(long id) {
        return store.transaction(em -> em.find(AttachmentRow.class, id));
    }

    /** Answers with the queued results in order; a null result makes it throw, as a buggy connector would. */
    static class ScriptedInstance implements ChannelInstance {
        final Deque<MediaResult> results = new LinkedList<>();
        final List<Attachment> offered = new ArrayList<>();

        @Override
        public InboundResult receive(WebhookRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendResult send(OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MediaResult fetchMedia(Attachment attachment) {
            offered.add(attachment);
            MediaResult next = results.poll();
            if (next == null) {
                throw new IllegalStateException("connector bug");
            }
            return next;
        }
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
