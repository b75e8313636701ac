package io.switchboard.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.Store;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.CallStats;
import io.switchboard.tickets.StoredAttachment;
import io.switchboard.tickets.TicketChange;
import io.switchboard.tickets.TicketQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls as a voice connector reports them, update by update, against a real store on H2 and PostgreSQL. */
class CallTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ADA = "+14155550100";

    private final TicketServiceTest.MutableClock clock = new TicketServiceTest.MutableClock(T0);
    private TestDatabase database;
    private Store store;
    private TicketServiceImpl tickets;
    private int events;

    private void open(TestDatabase.Kind kind) {
        database = TestDatabase.open(kind);
        store = database.store();
        tickets = new TicketServiceImpl(store, "US", Duration.ofHours(72), clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anAnsweredCallIsOneEntryFilledInByEachUpdate(TestDatabase.Kind kind) {
        open(kind);
        Attachment recording = new Attachment("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
                "audio/wav", null, -1);
        apply(update("CA1", T0).build());
        Ticket ticket = tickets.get(onlyTicket().id()).orElseThrow();
        assertEquals("Call from " + ADA, ticket.subject());
        assertEquals("Incoming call, in progress", ticket.timeline().get(0).text());

        clock.advance(Duration.ofSeconds(12));
        apply(update("CA1", T0.plusSeconds(12)).ivr(List.of("main", "billing"), Duration.ofSeconds(12)).build());
        apply(update("CA1", T0.plusSeconds(12)).queue("billing").build());
        clock.advance(Duration.ofSeconds(35));
        apply(update("CA1", T0.plusSeconds(47)).agent("client:ada").waited(Duration.ofSeconds(35)).build());
        clock.advance(Duration.ofMinutes(3));
        apply(update("CA1", T0.plusSeconds(227)).outcome(CallOutcome.ANSWERED).talked(Duration.ofSeconds(180))
                .ended(T0.plusSeconds(227)).recording(recording).build());

        ticket = tickets.get(onlyTicket().id()).orElseThrow();
        assertEquals(1, ticket.timeline().size(), "one entry per call, whatever the number of updates");
        TimelineEntry entry = ticket.timeline().get(0);
        assertEquals(EntryType.CALL, entry.type());
        assertEquals(Direction.INBOUND, entry.direction());
        assertEquals(AuthorType.CUSTOMER, entry.authorType());
        assertEquals(ADA, entry.author());
        assertEquals(ticket.conversations().get(0).id(), entry.conversationId());
        assertEquals("CA1", entry.providerMessageId());
        assertEquals(T0, entry.createdAt(), "the entry keeps its place on the timeline");
        assertEquals("Incoming call, answered (3 min 47 s), IVR: main > billing, queue billing (waited 35 s),"
                + " agent client:ada, talked 3 min", entry.text());
        assertEquals(List.of(recording), entry.attachments());

        assertEquals(List.of(new Call(entry.id(), "voice", "CA1", Direction.INBOUND, CallOutcome.ANSWERED,
                List.of("main", "billing"), "billing", Duration.ofSeconds(12), Duration.ofSeconds(35),
                Duration.ofSeconds(180), "client:ada", T0, T0.plusSeconds(227), null)), tickets.calls(ticket.id()));
        List<StoredAttachment> attachments = tickets.attachments(ticket.id());
        assertEquals(1, attachments.size());
        assertEquals(StoredAttachment.Status.PENDING, attachments.get(0).status(),
                "the recording is fetched like MMS media");
        assertEquals(List.of(new io.switchboard.api.model.Identity(
                tickets.customer(ticket.customerId()).orElseThrow().identities().get(0).id(), IdentityKind.PHONE, ADA)),
                tickets.customer(ticket.customerId()).orElseThrow().identities());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void callsJoinTheCallersOpenConversationOnTheVoiceInstanceOnly(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", new InboundMessage("SM1", T0, new Contact(Address.phone(ADA), List.of(), null),
                null, "Are you open today?", List.of()));
        apply(update("CA1", T0).outcome(CallOutcome.ABANDONED).build());
        clock.advance(Duration.ofMinutes(5));
        apply(update("CA2", T0.plusSeconds(300)).outcome(CallOutcome.ANSWERED).build());

        List<Ticket> all = tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items();
        assertEquals(2, all.size(), "a voice instance has conversations of its own");
        assertEquals(all.get(0).customerId(), all.get(1).customerId(), "one customer by their number");
        Ticket calls = tickets.get(tickets.list(new TicketQuery(null, "voice", null, null, null, 0, 50))
                .items().get(0).id()).orElseThrow();
        assertEquals(List.of("CA1", "CA2"), calls.timeline().stream().map(TimelineEntry::providerMessageId).toList());
        assertEquals(List.of("CA1", "CA2"), tickets.calls(calls.id()).stream().map(Call::callId).toList());

        // A call after the ticket was solved and the re-open window passed opens a new ticket.
        tickets.update(calls.id(), new TicketChange(TicketStatus.SOLVED, null, null, null, null, null), "agent");
        clock.advance(Duration.ofHours(73));
        apply(update("CA3", clock.instant()).build());
        assertEquals(3, tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).total());
        assertEquals(TicketStatus.SOLVED, tickets.get(calls.id()).orElseThrow().status());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aVoicemailGetsItsTranscriptWhetherItComesBeforeOrAfterTheRecording(TestDatabase.Kind kind) {
        open(kind);
        Attachment first = Attachment.of("https://api.twilio.com/Recordings/RE-first");
        apply(update("CA1", T0).ivr(List.of("main", "voicemail"), Duration.ofSeconds(8)).build());
        apply(update("CA1", T0.plusSeconds(70)).transcript("Please call me back about invoice 42.").build());
        apply(update("CA1", T0.plusSeconds(50)).outcome(CallOutcome.VOICEMAIL).ended(T0.plusSeconds(50))
                .recording(first).build());

        Attachment second = Attachment.of("https://api.twilio.com/Recordings/RE-second");
        apply(update("CA2", T0.plusSeconds(600)).build());
        apply(update("CA2", T0.plusSeconds(642)).outcome(CallOutcome.VOICEMAIL).ended(T0.plusSeconds(642))
                .recording(second).build());
        apply(update("CA2", T0.plusSeconds(700)).transcript("  It works again, thanks.  ").build());

        Ticket ticket = tickets.get(onlyTicket().id()).orElseThrow();
        assertEquals(List.of(
                "Incoming call, voicemail (50 s), IVR: main > voicemail\nTranscript: Please call me back about invoice 42.",
                "Incoming call, voicemail (42 s)\nTranscript: It works again, thanks."),
                ticket.timeline().stream().map(TimelineEntry::text).toList());
        assertEquals(List.of(List.of(first), List.of(second)),
                ticket.timeline().stream().map(TimelineEntry::attachments).toList());
        assertEquals(List.of("Please call me back about invoice 42.", "It works again, thanks."),
                tickets.calls(ticket.id()).stream().map(Call::transcript).toList());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aCallFirstReportedAsAVoicemailOrFromAWithheldNumberIsNamedSo(TestDatabase.Kind kind) {
        open(kind);
        apply(new CallUpdate("ev-1", T0, new Contact(Address.phone("415-555-0199"), List.of(), "Grace"), "CA1", null,
                CallOutcome.VOICEMAIL, null, null, null, null, null, null, T0.plusSeconds(20),
                Attachment.of("https://api.twilio.com/Recordings/RE1"), null));
        apply(new CallUpdate("ev-2", T0, new Contact(Address.scoped(IdentityKind.EXTERNAL, "twilio-call", "CA2"),
                List.of(), null), "CA2", Direction.INBOUND, null, null, null, null, null, null, null, null, null, null));
        List<String> subjects = tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items().stream()
                .map(Ticket::subject).sorted().toList();
        assertEquals(List.of("Call from a withheld number", "Voicemail from +14155550199"), subjects);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anAbandonedCallKeepsItsWaitAndAnUpdateAppliedTwiceChangesNothing(TestDatabase.Kind kind) {
        open(kind);
        CallUpdate queued = update("CA1", T0).ivr(List.of("main", "technical"), Duration.ofSeconds(15))
                .queue("technical").build();
        CallUpdate abandoned = update("CA1", T0.plusSeconds(105)).outcome(CallOutcome.ABANDONED)
                .waited(Duration.ofSeconds(90)).ended(T0.plusSeconds(105))
                .recording(Attachment.of("https://api.twilio.com/Recordings/RE1")).build();
        apply(queued);
        apply(abandoned);
        apply(abandoned);
        apply(queued);

        Ticket ticket = tickets.get(onlyTicket().id()).orElseThrow();
        assertEquals(1, ticket.timeline().size());
        assertEquals("Incoming call, abandoned (1 min 45 s), IVR: main > technical, queue technical (waited 1 min 30 s)",
                ticket.timeline().get(0).text());
        assertEquals(1, tickets.attachments(ticket.id()).size(), "a recording is added once");
        Call call = tickets.calls(ticket.id()).get(0);
        assertEquals(CallOutcome.ABANDONED, call.outcome());
        assertEquals(Duration.ofSeconds(90), call.waitTime());
        assertNull(call.talkTime());
        assertNull(call.agent());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void updatesInAnyOrderKeepTheEarliestStartAndAnOutboundCallIsTheAgents(TestDatabase.Kind kind) {
        open(kind);
        apply(update("CA1", T0.plusSeconds(90)).direction(Direction.OUTBOUND).outcome(CallOutcome.ANSWERED)
                .talked(Duration.ofSeconds(60)).ended(T0.plusSeconds(90)).build());
        apply(update("CA1", T0).direction(Direction.OUTBOUND).agent("+14155550900").build());

        Ticket ticket = tickets.get(onlyTicket().id()).orElseThrow();
        assertEquals("Call to " + ADA, ticket.subject());
        TimelineEntry entry = ticket.timeline().get(0);
        assertEquals(AuthorType.AGENT, entry.authorType());
        assertEquals("+14155550900", entry.author());
        assertEquals("Outgoing call, answered (1 min 30 s), agent +14155550900, talked 1 min", entry.text());
        Call call = tickets.calls(ticket.id()).get(0);
        assertEquals(T0, call.startedAt());
        assertEquals(T0.plusSeconds(90), call.endedAt());
        assertEquals(Direction.OUTBOUND, call.direction());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoUpdatesOfOneCallAppliedAtOnceBothLand(TestDatabase.Kind kind) throws Exception {
        open(kind);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String callId = "CA-race-" + round;
                // The first two updates of a call race to create it; the next two race to change it.
                race(pool, update(callId, T0).ivr(List.of("main", "billing"), Duration.ofSeconds(9)).build(),
                        update(callId, T0.plusSeconds(9)).queue("billing").build());
                race(pool, update(callId, T0.plusSeconds(60)).outcome(CallOutcome.ANSWERED).agent("client:ada")
                                .talked(Duration.ofSeconds(40)).ended(T0.plusSeconds(100)).build(),
                        update(callId, T0.plusSeconds(101)).transcript("hello")
                                .recording(Attachment.of("https://api.twilio.com/Recordings/" + callId)).build());
            }
        } finally {
            pool.shutdownNow();
        }
        Ticket ticket = tickets.get(onlyTicket().id()).orElseThrow();
        assertEquals(8, ticket.timeline().size(), "one entry per call");
        List<Call> calls = tickets.calls(ticket.id());
        assertEquals(8, calls.size());
        for (Call call : calls) {
            assertEquals(List.of("main", "billing"), call.ivrPath(), call.callId());
            assertEquals("billing", call.queue(), call.callId());
            assertEquals(CallOutcome.ANSWERED, call.outcome(), call.callId());
            assertEquals("client:ada", call.agent(), call.callId());
            assertEquals("hello", call.transcript(), call.callId());
            assertEquals(T0, call.startedAt(), call.callId());
        }
        assertEquals(8, tickets.attachments(ticket.id()).size());
        for (TimelineEntry entry : ticket.timeline()) {
            assertEquals("Incoming call, answered (1 min 40 s), IVR: main > billing, queue billing, agent client:ada,"
                    + " talked 40 s\nTranscript: hello", entry.text());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void statisticsCountEachInstanceAndDayOfAKnownSetOfCalls(TestDatabase.Kind kind) {
        open(kind);
        Instant d1 = Instant.parse("2026-03-02T00:00:00Z");
        Instant d2 = Instant.parse("2026-03-03T00:00:00Z");
        // 2026-03-02 on "voice"
        call("voice", "c1", d1.plusSeconds(3600), CallOutcome.ANSWERED, 10L, 15L, 120L, "client:ada");
        call("voice", "c2", d1.plusSeconds(7200), CallOutcome.ANSWERED, 20L, 30L, 60L, "client:bob");
        call("voice", "c3", d1.plusSeconds(7300), CallOutcome.ANSWERED, null, null, 300L, "client:ada");
        call("voice", "c4", d1.plusSeconds(7400), CallOutcome.ABANDONED, 30L, 90L, null, null);
        call("voice", "c5", d1.plusSeconds(7500), CallOutcome.VOICEMAIL, 10L, 60L, null, null);
        call("voice", "c6", d1.plusSeconds(7600), CallOutcome.CALLBACK, 20L, 120L, null, null);
        call("voice", "c7", d1.plusSeconds(7700), CallOutcome.MISSED, null, null, null, "client:carol");
        call("voice", "c8", d2.minusSeconds(30), null, 6L, null, null, null);
        // 2026-03-03 on "voice": a call at midnight belongs to the day it starts
        call("voice", "c9", d2, CallOutcome.ANSWERED, 5L, 20L, 45L, "client:bob");
        // 2026-03-02 on "voice-2"
        call("voice-2", "c10", d1.plusSeconds(100), CallOutcome.ABANDONED, null, 10L, null, null);
        // outside the range
        call("voice", "c11", d1.minusSeconds(1), CallOutcome.ANSWERED, 1L, 1L, 1L, "client:ada");
        call("voice", "c12", Instant.parse("2026-03-05T00:00:00Z"), CallOutcome.ANSWERED, 1L, 1L, 1L, "client:ada");

        LocalDate march2 = LocalDate.parse("2026-03-02");
        LocalDate march3 = LocalDate.parse("2026-03-03");
        LocalDate march4 = LocalDate.parse("2026-03-04");
        List<CallStats> all = tickets.callStats(null, march2, march4, 20);
        assertEquals(List.of(
                new CallStats("voice", march2, 8, 3, 1, 0.125, 1, 1, 1, 160.0, 16.0, 63.0, 0.5,
                        Map.of("client:ada", 2L, "client:bob", 1L, "client:carol", 1L)),
                new CallStats("voice", march3, 1, 1, 0, 0.0, 0, 0, 0, 45.0, 5.0, 20.0, 1.0, Map.of("client:bob", 1L)),
                new CallStats("voice", march4, 0, 0, 0, null, 0, 0, 0, null, null, null, null, Map.of()),
                new CallStats("voice-2", march2, 1, 0, 1, 1.0, 0, 0, 0, null, null, 10.0, 0.0, Map.of()),
                new CallStats("voice-2", march3, 0, 0, 0, null, 0, 0, 0, null, null, null, null, Map.of()),
                new CallStats("voice-2", march4, 0, 0, 0, null, 0, 0, 0, null, null, null, null, Map.of())), all);

        // A longer threshold counts c2 (30 s) in time; c4 stays abandoned.
        assertEquals(0.75, tickets.callStats("voice", march2, march2, 30).get(0).serviceLevel());
        assertEquals(List.of(new CallStats("voice-3", march2, 0, 0, 0, null, 0, 0, 0, null, null, null, null, Map.of())),
                tickets.callStats("voice-3", march2, march2, 20), "an instance asked for has its days even without calls");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = "H2")
    void statisticsRefuseBadRanges(TestDatabase.Kind kind) {
        open(kind);
        LocalDate day = LocalDate.parse("2026-03-02");
        assertMessage("to: before from", () -> tickets.callStats(null, day, day.minusDays(1), 20));
        assertMessage("to: at most 92 days from from", () -> tickets.callStats(null, day, day.plusDays(92), 20));
        assertEquals(92, tickets.callStats("voice", day, day.plusDays(91), 20).size());
        assertMessage("serviceLevelSeconds: must not be negative", () -> tickets.callStats(null, day, day, -1));
        assertMessage("from: required", () -> tickets.callStats(null, null, day, 20));
        assertMessage("agent: longer than 255 characters",
                () -> apply(update("CA1", T0).agent("a".repeat(256)).build()));
        assertEquals(0, tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).total(),
                "a refused update leaves nothing behind");
    }

    private static void assertMessage(String message, Runnable action) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, action::run).getMessage());
    }

    private void call(String instance, String callId, Instant started, CallOutcome outcome, Long ivr, Long wait,
            Long talk, String agent) {
        tickets.apply(instance, "voice-twilio", new CallUpdate("ev-" + ++events, started,
                new Contact(Address.phone(ADA), List.of(), null), callId, Direction.INBOUND, outcome, List.of(), null,
                ivr == null ? null : Duration.ofSeconds(ivr), wait == null ? null : Duration.ofSeconds(wait),
                talk == null ? null : Duration.ofSeconds(talk), agent, outcome == null ? null : started.plusSeconds(600),
                null, null));
    }

    private void race(ExecutorService pool, CallUpdate a, CallUpdate b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<?>> done = new ArrayList<>();
        for (CallUpdate update : List.of(a, b)) {
            done.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                apply(update);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private void apply(CallUpdate update) {
        tickets.apply("voice", "voice-twilio", update);
    }

    private Ticket onlyTicket() {
        List<Ticket> all = tickets.list(new TicketQuery(null, null, null, null, null, 0, 50)).items();
        assertEquals(1, all.size(), "tickets: " + all);
        return all.get(0);
    }

    private UpdateBuilder update(String callId, Instant at) {
        return new UpdateBuilder(callId, at);
    }

    /** What one provider callback tells: only some fields, the rest null. */
    private final class UpdateBuilder {
        private final String callId;
        private final Instant at;
        private Direction direction = Direction.INBOUND;
        private CallOutcome outcome;
        private List<String> ivrPath = List.of();
        private Duration ivrTime;
        private String queue;
        private Duration waitTime;
        private Duration talkTime;
        private String agent;
        private Instant endedAt;
        private Attachment recording;
        private String transcript;

        UpdateBuilder(String callId, Instant at) {
            this.callId = callId;
            this.at = at;
        }

        UpdateBuilder direction(Direction value) {
            direction = value;
            return this;
        }

        UpdateBuilder outcome(CallOutcome value) {
            outcome = value;
            return this;
        }

        UpdateBuilder ivr(List<String> path, Duration time) {
            ivrPath = path;
            ivrTime = time;
            return this;
        }

        UpdateBuilder queue(String value) {
            queue = value;
            return this;
        }

        UpdateBuilder waited(Duration value) {
            waitTime = value;
            return this;
        }

        UpdateBuilder talked(Duration value) {
            talkTime = value;
            return this;
        }

        UpdateBuilder agent(String value) {
            agent = value;
            return this;
        }

        UpdateBuilder ended(Instant value) {
            endedAt = value;
            return this;
        }

        UpdateBuilder recording(Attachment value) {
            recording = value;
            return this;
        }

        UpdateBuilder transcript(String value) {
            transcript = value;
            return this;
        }

        CallUpdate build() {
            return new CallUpdate("ev-" + ++events, at, new Contact(Address.phone("(415) 555-0100"), List.of(), null),
                    callId, direction, outcome, ivrPath, queue, ivrTime, waitTime, talkTime, agent, endedAt,
                    recording, transcript);
        }
    }
}
