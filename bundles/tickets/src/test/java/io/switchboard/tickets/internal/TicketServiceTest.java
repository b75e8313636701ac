package io.switchboard.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.KeywordReceived;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.Store;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.MediaRow;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.ChannelConsent;
import io.switchboard.tickets.CustomerDetail;
import io.switchboard.tickets.CustomerKeyword;
import io.switchboard.tickets.MediaContent;
import io.switchboard.tickets.StoredAttachment;
import io.switchboard.tickets.TicketChange;
import io.switchboard.tickets.TicketQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ticket rules, run against a real store on H2 and on PostgreSQL. */
class TicketServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private TestDatabase database;
    private Store store;
    private TicketServiceImpl tickets;

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
    void aFirstMessageOpensATicketAndTheNextOneJoinsIt(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "+1 (415) 555-0100", "My order never arrived\nOrder 42"));
        clock.advance(Duration.ofMinutes(3));
        tickets.apply("sms", "sms-twilio", sms("SM2", "415-555-0100", "Any news?"));

        List<Ticket> all = tickets.list(query(null, null)).items();
        assertEquals(1, all.size());
        Ticket ticket = tickets.get(all.get(0).id()).orElseThrow();
        assertEquals("My order never arrived", ticket.subject());
        assertEquals(TicketStatus.NEW, ticket.status());
        assertEquals(1, ticket.conversations().size());
        assertEquals(new Address(IdentityKind.PHONE, "+14155550100"), ticket.conversations().get(0).customerAddress());
        assertEquals(List.of("My order never arrived\nOrder 42", "Any news?"),
                ticket.timeline().stream().map(TimelineEntry::text).toList());
        assertEquals(List.of("SM1", "SM2"), ticket.timeline().stream().map(TimelineEntry::providerMessageId).toList());
        Customer customer = tickets.customer(ticket.customerId()).orElseThrow();
        assertEquals(1, customer.identities().size());
        assertEquals("+14155550100", customer.identities().get(0).address());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theSameCustomerOnAnotherChannelIsRecognisedButGetsItsOwnConversation(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "+14155550100", "Hello by SMS"));
        Contact chat = new Contact(Address.scoped(IdentityKind.EXTERNAL, "crm", "u-7"),
                List.of(Address.phone("(415) 555-0100"), Address.email(" Ana@Example.COM ")), "Ana");
        tickets.apply("api", "webhook-generic", new InboundMessage("e1", clock.instant(), chat, null,
                "Hello from the app", List.of(new Attachment("https://files.example/a.png", "image/png", "a.png", 10))));

        List<Ticket> all = tickets.list(query(null, null)).items();
        assertEquals(2, all.size());
        assertEquals(all.get(0).customerId(), all.get(1).customerId());
        Customer customer = tickets.customer(all.get(0).customerId()).orElseThrow();
        assertEquals("Ana", customer.name());
        assertEquals(Set.of("+14155550100", "crm:u-7", "ana@example.com"),
                Set.copyOf(customer.identities().stream().map(i -> i.address()).toList()));
        assertEquals(1, tickets.list(query(null, "webhook-generic")).total());
        assertEquals(1, tickets.list(query(null, "sms")).total());
        Ticket app = tickets.get(tickets.list(query(null, "api")).items().get(0).id()).orElseThrow();
        assertEquals("a.png", app.timeline().get(0).attachments().get(0).fileName());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aThreadIdKeepsConversationsApart(TestDatabase.Kind kind) {
        open(kind);
        Contact ana = new Contact(Address.email("ana@example.com"), List.of(), "Ana");
        tickets.apply("mail", "email", new InboundMessage("m1", null, ana, "thread-a", "Invoice question", List.of()));
        tickets.apply("mail", "email", new InboundMessage("m2", null, ana, "thread-b", "Password reset", List.of()));
        tickets.apply("mail", "email", new InboundMessage("m3", null, ana, "thread-a", "Still about the invoice", List.of()));

        List<Ticket> all = tickets.list(query(null, null)).items();
        assertEquals(2, all.size());
        Ticket invoice = all.stream().filter(t -> t.subject().equals("Invoice question")).findFirst().orElseThrow();
        assertEquals(2, tickets.get(invoice.id()).orElseThrow().timeline().size());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSolvedTicketReopensWithinTheWindowAndNotAfterIt(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "+14155550100", "Broken"));
        long first = tickets.list(query(null, null)).items().get(0).id();
        tickets.update(first, new TicketChange(TicketStatus.SOLVED, null, null, null, null, null), "agent");

        clock.advance(Duration.ofHours(71));
        tickets.apply("sms", "sms-twilio", sms("SM2", "+14155550100", "Broken again"));
        Ticket reopened = tickets.get(first).orElseThrow();
        assertEquals(TicketStatus.OPEN, reopened.status());
        assertEquals(null, reopened.solvedAt());
        assertEquals(1, tickets.list(query(null, null)).total());

        tickets.update(first, new TicketChange(TicketStatus.SOLVED, null, null, null, null, null), "agent");
        clock.advance(Duration.ofHours(73));
        tickets.apply("sms", "sms-twilio", sms("SM3", "+14155550100", "Something else"));
        assertEquals(2, tickets.list(query(null, null)).total());
        assertEquals(TicketStatus.SOLVED, tickets.get(first).orElseThrow().status());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aReplyIsQueuedOnTheConversationsChannel(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "+14155550100", "Help"));
        long id = tickets.list(query(null, null)).items().get(0).id();
        clock.advance(Duration.ofMinutes(5));

        TimelineEntry reply = tickets.reply(id, null, "Bea", "On it");

        assertEquals(Direction.OUTBOUND, reply.direction());
        assertEquals(DeliveryStatus.QUEUED, reply.deliveryStatus());
        Ticket ticket = tickets.get(id).orElseThrow();
        assertEquals(TicketStatus.OPEN, ticket.status());
        assertEquals(clock.instant(), ticket.firstResponseAt());
        List<OutboxRow> outbox = store.transaction(em -> em.createQuery("select o from Outbox o", OutboxRow.class)
                .getResultList());
        assertEquals(1, outbox.size());
        assertEquals("sms", outbox.get(0).channelInstance);
        assertEquals(reply.id(), outbox.get(0).entryId);
        assertEquals(OutboxRow.State.PENDING, outbox.get(0).state);
        assertTrue(ticket.timeline().stream().anyMatch(e -> e.type() == EntryType.EVENT && e.text().equals("status: new → open")));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deliveryUpdatesOnlyMoveForward(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("api", "webhook-generic", sms("SM1", "+14155550100", "Help"));
        long id = tickets.list(query(null, null)).items().get(0).id();
        long replyId = tickets.reply(id, null, "Bea", "On it").id();
        String outboxId = store.transaction(em -> em.createQuery("select o.id from Outbox o", String.class).getSingleResult());

        tickets.apply("api", "webhook-generic", new DeliveryUpdate("d1", null, null, outboxId, DeliveryStatus.DELIVERED, null));
        tickets.apply("api", "webhook-generic", new DeliveryUpdate("d2", null, null, outboxId, DeliveryStatus.SENT, null));
        assertEquals(DeliveryStatus.DELIVERED, entry(id, replyId).deliveryStatus());

        tickets.apply("api", "webhook-generic", new DeliveryUpdate("d3", null, null, outboxId, DeliveryStatus.FAILED, "blocked"));
        assertEquals(DeliveryStatus.FAILED, entry(id, replyId).deliveryStatus());
        assertEquals("blocked", entry(id, replyId).failureReason());

        // An update for an unknown message, or for another instance's message, changes nothing.
        tickets.apply("other", "webhook-generic", new DeliveryUpdate("d4", null, null, outboxId, DeliveryStatus.READ, null));
        tickets.apply("api", "webhook-generic", new DeliveryUpdate("d5", null, "nope", null, DeliveryStatus.READ, null));
        assertEquals(DeliveryStatus.FAILED, entry(id, replyId).deliveryStatus());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void agentChangesAreValidatedAndRecorded(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "+14155550100", "Help"));
        long id = tickets.list(query(null, null)).items().get(0).id();

        Ticket changed = tickets.update(id, new TicketChange(TicketStatus.PENDING, io.switchboard.api.model.Priority.HIGH,
                "bea", "billing", Set.of("VIP", "refund"), null), "lead");
        assertEquals(Set.of("vip", "refund"), changed.tags());
        assertEquals("bea", changed.assignee());
        assertEquals(1, tickets.list(new TicketQuery(TicketStatus.PENDING, null, "bea", "billing", null, 0, 10)).total());
        assertEquals(0, tickets.list(new TicketQuery(null, null, "none", null, null, 0, 10)).total());
        assertEquals(5, changed.timeline().stream().filter(e -> e.type() == EntryType.EVENT).count());

        assertThrows(IllegalArgumentException.class,
                () -> tickets.update(id, new TicketChange(null, null, null, null, Set.of("two words"), null), "lead"));
        tickets.update(id, new TicketChange(TicketStatus.CLOSED, null, null, null, null, null), "lead");
        assertThrows(IllegalStateException.class,
                () -> tickets.update(id, new TicketChange(TicketStatus.OPEN, null, null, null, null, null), "lead"));
        assertThrows(IllegalStateException.class, () -> tickets.reply(id, null, "bea", "hello?"));
        assertThrows(IllegalArgumentException.class, () -> tickets.addNote(id, "bea", " "));
        assertThrows(NoSuchElementException.class, () -> tickets.addNote(999_999, "bea", "note"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aShortCodeIsKeptAsItIs(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "22395", "Reply from a short code"));
        Ticket ticket = tickets.list(query(null, null)).items().get(0);
        assertEquals(new Address(IdentityKind.PHONE, "22395"), ticket.conversations().get(0).customerAddress());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badInputStoresNothing(TestDatabase.Kind kind) {
        open(kind);
        assertThrows(IllegalArgumentException.class,
                () -> tickets.apply("sms", "sms-twilio", sms("SM1", "not a number", "Hi")));
        assertThrows(IllegalArgumentException.class, () -> tickets.apply("api", "webhook-generic",
                new InboundMessage("e1", null, new Contact(Address.scoped(IdentityKind.EXTERNAL, "crm", "1"),
                        List.of(Address.email("nope")), null), null, "Hi", List.of())));
        assertEquals(0, tickets.list(query(null, null)).total());
        assertEquals(0, tickets.customers(null, 0, 10).total());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void mergingMovesIdentitiesAndTickets(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", sms("SM1", "+14155550100", "From my phone"));
        tickets.apply("api", "webhook-generic", new InboundMessage("e1", null,
                new Contact(Address.email("ana@example.com"), List.of(), "Ana"), null, "From my mail", List.of()));
        List<Customer> customers = tickets.customers(null, 0, 10).items();
        assertEquals(2, customers.size());
        long phone = customers.stream().filter(c -> c.name() == null).findFirst().orElseThrow().id();
        long mail = customers.stream().filter(c -> "Ana".equals(c.name())).findFirst().orElseThrow().id();

        Customer merged = tickets.merge(phone, mail, "lead");

        assertEquals(2, merged.identities().size());
        assertEquals(2, tickets.list(new TicketQuery(null, null, null, null, mail, 0, 10)).total());
        assertEquals(1, tickets.customers(null, 0, 10).total());
        assertEquals(1, tickets.customers("555", 0, 10).total());
        assertThrows(IllegalStateException.class, () -> tickets.merge(phone, mail, "lead"));
        assertThrows(IllegalArgumentException.class, () -> tickets.merge(mail, mail, "lead"));
        // The customer's next SMS lands with the merged customer.
        tickets.apply("sms", "sms-twilio", sms("SM2", "+14155550100", "Again"));
        assertEquals(2, tickets.list(new TicketQuery(null, null, null, null, mail, 0, 10)).total());
        Ticket moved = tickets.list(query(null, "sms")).items().get(0);
        assertTrue(tickets.get(moved.id()).orElseThrow().timeline().stream()
                .anyMatch(e -> e.text().equals("customer " + phone + " merged into customer " + mail)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void inboundAttachmentsWaitToBeFetchedAndOnlyStoredOnesHaveContent(TestDatabase.Kind kind) {
        open(kind);
        tickets.apply("sms", "sms-twilio", new InboundMessage("MM1", null,
                new Contact(Address.phone("+14155550100"), List.of(), null), null, "Photos", List.of(
                        new Attachment("https://media.example/ME1", "image/jpeg", "ME1.jpg", -1),
                        new Attachment("https://media.example/ME2", null, null, -1))));
        long ticket = tickets.list(query(null, null)).items().get(0).id();
        long message = tickets.get(ticket).orElseThrow().timeline().get(0).id();
        tickets.reply(ticket, null, "Bea", "Thanks");

        List<StoredAttachment> attachments = tickets.attachments(ticket);
        assertEquals(List.of(StoredAttachment.Status.PENDING, StoredAttachment.Status.PENDING),
                attachments.stream().map(StoredAttachment::status).toList());
        StoredAttachment first = attachments.get(0);
        assertEquals(message, first.entryId());
        assertEquals("https://media.example/ME1", first.url());
        assertEquals("ME1.jpg", first.fileName());
        assertEquals("image/jpeg", first.contentType());
        assertTrue(tickets.media(first.id()).isEmpty(), "nothing to download before it is stored");
        assertTrue(tickets.attachments(Long.MAX_VALUE).isEmpty());
        assertTrue(tickets.media(Long.MAX_VALUE).isEmpty());

        byte[] content = {(byte) 0xff, (byte) 0xd8, 0, 1, 2};
        store.run(em -> {
            MediaRow media = new MediaRow();
            media.sha256 = "0".repeat(64);
            media.contentType = "image/jpeg";
            media.size = content.length;
            media.content = content;
            media.createdAt = clock.instant();
            em.persist(media);
            AttachmentRow stored = em.find(AttachmentRow.class, first.id());
            stored.status = AttachmentRow.Status.STORED;
            stored.mediaSha256 = media.sha256;
            stored.size = content.length;
            AttachmentRow failed = em.find(AttachmentRow.class, attachments.get(1).id());
            failed.status = AttachmentRow.Status.FAILED;
            failed.lastError = "Twilio answered 404";
        });

        MediaContent media = tickets.media(first.id()).orElseThrow();
        assertArrayEquals(content, media.content());
        assertEquals("ME1.jpg", media.fileName());
        assertEquals("image/jpeg", media.contentType());
        List<StoredAttachment> after = tickets.attachments(ticket);
        assertEquals(content.length, after.get(0).size());
        assertEquals(null, after.get(0).failureReason());
        assertEquals(StoredAttachment.Status.FAILED, after.get(1).status());
        assertEquals("Twilio answered 404", after.get(1).failureReason());
        assertTrue(tickets.media(after.get(1).id()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void keywordsAndConsentAreShownOnTheCustomerAndFollowAMerge(TestDatabase.Kind kind) {
        open(kind);
        // STOP as the very first text: the keyword is the customer's the message resolves to.
        tickets.apply("sms", "sms-twilio", new ConsentChange("SM1:consent", null, Address.phone("(415) 555-0100"),
                false, "STOP"));
        tickets.apply("sms", "sms-twilio", sms("SM1", "+14155550100", "STOP"));
        clock.advance(Duration.ofMinutes(1));
        tickets.apply("sms", "sms-twilio", sms("SM2", "+14155550100", "HELP"));
        tickets.apply("sms", "sms-twilio", new KeywordReceived("SM2:keyword", null, Address.phone("+14155550100"), "HELP"));
        long phone = tickets.list(query(null, "sms")).items().get(0).customerId();
        assertEquals(1, tickets.customers(null, 0, 10).total(), "one customer, however the keyword came first");

        CustomerDetail detail = tickets.customerDetail(phone, 50).orElseThrow();
        assertEquals(List.of(new ChannelConsent("sms", Address.phone("+14155550100"), false, "STOP",
                Instant.parse("2026-03-02T09:00:00Z"))), detail.consent());
        assertEquals(List.of("HELP", "STOP"), detail.keywords().stream().map(CustomerKeyword::keyword).toList());
        assertEquals(new CustomerKeyword("sms", Address.phone("+14155550100"), "HELP",
                Instant.parse("2026-03-02T09:01:00Z")), detail.keywords().get(0));
        assertEquals(List.of("HELP"), tickets.customerDetail(phone, 1).orElseThrow().keywords().stream()
                .map(CustomerKeyword::keyword).toList(), "the newest first, as many as asked");

        clock.advance(Duration.ofMinutes(1));
        tickets.apply("mail", "email", new InboundMessage("m1", null,
                new Contact(Address.email("ana@example.com"), List.of(), "Ana"), null, "Hello", List.of()));
        tickets.apply("mail", "email", new ConsentChange("m1:consent", null, Address.email("ana@example.com"),
                true, "START"));
        long mail = tickets.customers("ana", 0, 10).items().get(0).id();
        assertEquals(List.of("START"), tickets.customerDetail(mail, 50).orElseThrow().keywords().stream()
                .map(CustomerKeyword::keyword).toList());

        tickets.merge(phone, mail, "lead");

        CustomerDetail merged = tickets.customerDetail(mail, 50).orElseThrow();
        assertEquals(List.of("START", "HELP", "STOP"), merged.keywords().stream().map(CustomerKeyword::keyword).toList());
        assertEquals(List.of("mail", "sms"), merged.consent().stream().map(ChannelConsent::channelInstance).toList());
        assertEquals(List.of(true, false), merged.consent().stream().map(ChannelConsent::optedIn).toList());
        CustomerDetail source = tickets.customerDetail(phone, 50).orElseThrow();
        assertTrue(source.keywords().isEmpty() && source.consent().isEmpty(), "nothing stays with the merged-away record");
        assertTrue(tickets.customerDetail(Long.MAX_VALUE, 50).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> tickets.customerDetail(mail, 0));
        assertThrows(IllegalArgumentException.class, () -> tickets.apply("sms", "sms-twilio",
                new KeywordReceived("SM3:keyword", null, Address.phone("+14155550100"), "H".repeat(256))));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void listsArePaged(TestDatabase.Kind kind) {
        open(kind);
        for (int i = 0; i < 7; i++) {
            tickets.apply("sms", "sms-twilio", sms("SM" + i, "+1415555010" + i, "Message " + i));
            clock.advance(Duration.ofSeconds(1));
        }
        var page = tickets.list(new TicketQuery(null, null, null, null, null, 1, 3));
        assertEquals(7, page.total());
        assertEquals(List.of("Message 3", "Message 2", "Message 1"), page.items().stream().map(Ticket::subject).toList());
        assertNotEquals(0, page.items().get(0).conversations().size());
        assertNotNull(page.items().get(0).createdAt());
    }

    private TimelineEntry entry(long ticketId, long entryId) {
        return tickets.get(ticketId).orElseThrow().timeline().stream().filter(e -> e.id() == entryId).findFirst()
                .orElseThrow();
    }

    private InboundMessage sms(String sid, String from, String text) {
        return new InboundMessage(sid, clock.instant(), new Contact(Address.phone(from), List.of(), null), null, text,
                List.of());
    }

    private static TicketQuery query(TicketStatus status, String channel) {
        return new TicketQuery(status, channel, null, null, null, 0, 50);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
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
