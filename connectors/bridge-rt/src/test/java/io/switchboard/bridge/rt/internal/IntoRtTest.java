package io.switchboard.bridge.rt.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.bridge.rt.internal.Fixtures.GATEWAY;
import static io.switchboard.bridge.rt.internal.Fixtures.INSTANCE;
import static io.switchboard.bridge.rt.internal.Fixtures.REST;
import static io.switchboard.bridge.rt.internal.Fixtures.attachmentsFound;
import static io.switchboard.bridge.rt.internal.Fixtures.json;
import static io.switchboard.bridge.rt.internal.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.bridge.ApplyResult;
import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ExternalRef;
import io.switchboard.api.bridge.ModelChange;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.TicketStatus;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Into RT: tickets, correspondence, comments and status, each exactly once, against a strict WireMock RT. */
class IntoRtTest {

    @RegisterExtension
    static final WireMockExtension RT = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MARKER_QUERY = "'CF.{Switchboard Ticket}' = '42'";

    private FakeBridgeContext context;
    private RtBridge bridge;
    private long position;

    @BeforeEach
    void setUp() {
        Fixtures.rtIsReady(RT);
        context = new FakeBridgeContext(INSTANCE, Fixtures.configuration(RT.baseUrl()));
        RtSettings settings = RtSettings.from(context.configuration());
        bridge = new RtBridge(context, settings, new RtClient(settings.url(), "root", "password"));
        context.customers.put(5L, v(Fixtures.phoneCustomer(5, "Ada Lovelace", "+14155550100"), 1));
    }

    @AfterEach
    void tearDown() {
        bridge.dispose();
        context.close();
    }

    private ApplyResult apply(EntityKind kind, long id, Long ticketId) {
        return bridge.apply(new ModelChange(++position, kind, id, ticketId, Instant.now()));
    }

    private void stubNoTicketWithMarker() {
        RT.stubFor(get(urlPathEqualTo(REST + "tickets")).withQueryParam("query", equalTo(MARKER_QUERY))
                .willReturn(json(200, "{\"items\":[],\"count\":0,\"total\":0,\"pages\":0.0}")));
    }

    @Test
    void aTicketBecomesAnRtTicketInTheMappedQueueWithTheRequestorAndTheMarker() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.NEW, "billing", null, 5), 3));
        stubNoTicketWithMarker();
        RT.stubFor(post(urlPathEqualTo(REST + "ticket")).withRequestBody(equalToJson("{\"Queue\":\"Billing\","
                        + "\"Subject\":\"Printer on fire\",\"Requestor\":\"Ada Lovelace <14155550100@customers.switchboard.invalid>\","
                        + "\"CustomFields\":{\"Switchboard Ticket\":\"42\"}}"))
                .willReturn(json(201, "{\"id\":\"17\",\"type\":\"ticket\"}").withHeader("Location", "/REST/2.0/ticket/17")));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));

        assertEquals(new ExternalRef(EntityKind.TICKET, 42, "17", 3), context.refs.get("TICKET:42"));
        RT.verify(exactly(1), postRequestedFor(urlPathEqualTo(REST + "ticket")));
        RT.verify(exactly(0), putRequestedFor(urlPathEqualTo(REST + "ticket/17")));
        assertEquals(Health.online(), context.lastHealth());

        // The same change again: the reference says RT has it.
        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));
        RT.verify(exactly(1), postRequestedFor(urlPathEqualTo(REST + "ticket")));
    }

    @Test
    void aCustomerWithAnEmailAddressIsTheRequestorByThatAddressAndAnOpenTicketIsOpenedInRt() {
        context.customers.put(6L, v(Fixtures.emailCustomer(6, "Grace Hopper, Rear Admiral", "grace@example.org"), 1));
        context.tickets.put(42L, v(Fixtures.ticket(42, "Compiler", TicketStatus.OPEN, "unmapped", null, 6), 2));
        stubNoTicketWithMarker();
        RT.stubFor(post(urlPathEqualTo(REST + "ticket")).withRequestBody(equalToJson("{\"Queue\":\"General\","
                        + "\"Subject\":\"Compiler\",\"Requestor\":\"\\\"Grace Hopper, Rear Admiral\\\" <grace@example.org>\","
                        + "\"CustomFields\":{\"Switchboard Ticket\":\"42\"}}"))
                .willReturn(json(201, "{\"id\":\"18\",\"type\":\"ticket\"}")));
        RT.stubFor(put(urlPathEqualTo(REST + "ticket/18")).withRequestBody(equalToJson("{\"Status\":\"open\"}"))
                .willReturn(json(200, "[\"Ticket 18: Status changed from 'new' to 'open'\"]")));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));

        assertEquals(new ExternalRef(EntityKind.TICKET, 42, "18", 2), context.refs.get("TICKET:42"));
        RT.verify(exactly(1), putRequestedFor(urlPathEqualTo(REST + "ticket/18")));
    }

    @Test
    void afterACrashBetweenRtsAnswerAndTheReferenceTheMarkerFindsTheTicketAndNoSecondIsCreated() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.NEW, null, null, 5), 3));
        RT.stubFor(get(urlPathEqualTo(REST + "tickets")).withQueryParam("query", equalTo(MARKER_QUERY))
                .willReturn(json(200, "{\"items\":[{\"id\":\"17\",\"type\":\"ticket\"}],\"count\":1,\"total\":1}")));
        RT.stubFor(put(urlPathEqualTo(REST + "ticket/17")).withRequestBody(equalToJson("{\"Status\":\"new\"}"))
                .willReturn(json(200, "[]")));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));

        assertEquals(new ExternalRef(EntityKind.TICKET, 42, "17", 3), context.refs.get("TICKET:42"));
        RT.verify(exactly(0), postRequestedFor(urlPathEqualTo(REST + "ticket")));
    }

    @Test
    void statusAndOwnerChangesAreSynchronisedOnlyWhenTheTicketIsNewerThanRt() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.SOLVED, null, "agent1", 5), 5));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 4));
        RT.stubFor(get(urlPathEqualTo(REST + "user/agent1"))
                .willReturn(json(200, "{\"id\":50,\"Name\":\"agent1\",\"RealName\":\"Agent One\",\"Privileged\":1}")));
        RT.stubFor(put(urlPathEqualTo(REST + "ticket/17"))
                .withRequestBody(equalToJson("{\"Status\":\"resolved\",\"Owner\":\"agent1\"}"))
                .willReturn(json(200, "[\"Ticket 17: Owner changed from Nobody to agent1\","
                        + "\"Ticket 17: Status changed from 'open' to 'resolved'\"]")));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));
        assertEquals(5, context.refs.get("TICKET:42").syncedVersion());

        // Not newer than what RT has (e.g. the echo of a status change made in RT): nothing to do.
        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));
        RT.verify(exactly(1), putRequestedFor(urlPathEqualTo(REST + "ticket/17")));
    }

    @Test
    void anAssigneeWhoIsNoRtUserLeavesTheOwnerAlone() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.PENDING, null, "sam", 5), 5));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 4));
        RT.stubFor(get(urlPathEqualTo(REST + "user/sam")).willReturn(json(404, "{\"message\":\"Not Found\"}")));
        RT.stubFor(put(urlPathEqualTo(REST + "ticket/17")).withRequestBody(equalToJson("{\"Status\":\"stalled\"}"))
                .willReturn(json(200, "[\"Ticket 17: Status changed from 'open' to 'stalled'\"]")));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.TICKET, 42, 42L));
        RT.verify(exactly(1), putRequestedFor(urlPathEqualTo(REST + "ticket/17")));
    }

    private static final String MESSAGE_ID = "sb-helpdesk-entry-7@switchboard.invalid";

    private void stubMarkerSearch(String messageId, String before, String after) {
        String scenario = "search " + messageId;
        RT.stubFor(post(urlPathEqualTo(REST + "attachments")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .withQueryParam("fields", equalTo("TransactionId"))
                .withRequestBody(equalToJson("[{\"field\":\"MessageId\",\"value\":\"" + messageId + "\"}]"))
                .willReturn(json(200, attachmentsFound(before))));
        RT.stubFor(post(urlPathEqualTo(GATEWAY)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .withMultipartRequestBody(aMultipart().withName("message").withBody(containing("Message-ID: <" + messageId + ">")))
                .willReturn(aResponse().withStatus(200).withBody("ok\n")).willSetStateTo("posted"));
        RT.stubFor(post(urlPathEqualTo(REST + "attachments")).inScenario(scenario).whenScenarioStateIs("posted")
                .withQueryParam("fields", equalTo("TransactionId"))
                .withRequestBody(equalToJson("[{\"field\":\"MessageId\",\"value\":\"" + messageId + "\"}]"))
                .willReturn(json(200, attachmentsFound(after))));
    }

    private static Map<String, String> form(LoggedRequest request) {
        assertTrue(request.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        Map<String, String> form = new LinkedHashMap<>();
        request.getParts().forEach(part -> form.put(part.getName(), part.getBody().asString()));
        assertEquals(List.of("queue", "action", "ticket", "message"), List.copyOf(form.keySet()));
        return form;
    }

    private List<Map<String, String>> gatewayPosts() {
        return RT.findAll(postRequestedFor(urlPathEqualTo(GATEWAY))).stream().map(IntoRtTest::form).toList();
    }

    @Test
    void anInboundMessageBecomesCorrespondenceFromTheRequestorWithItsAttachmentsAndTheMessageIdMarker() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.NEW, null, null, 5), 3));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 3));
        Attachment photo = new Attachment("https://media.example/p/1.jpg", "image/jpeg", "smoke.jpg", 4);
        Attachment link = Attachment.of("https://media.example/p/2.mp4");
        context.attachmentContent.put(photo.url(), new byte[] {1, 2, 3, 4});
        context.entries.put(7L, v(Fixtures.inbound(7, "Ada Lovelace", "Still smoking, please hurry.", List.of(photo, link)), 1));
        stubMarkerSearch(MESSAGE_ID, null, "59");

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 7, 42L));

        assertEquals(new ExternalRef(EntityKind.ENTRY, 7, "rt-txn-59", 1), context.refs.get("ENTRY:7"));
        List<Map<String, String>> posts = gatewayPosts();
        assertEquals(1, posts.size());
        Map<String, String> form = posts.get(0);
        assertEquals("correspond", form.get("action"));
        assertEquals("17", form.get("ticket"));
        assertEquals("General", form.get("queue"));
        String message = form.get("message");
        assertTrue(message.startsWith("From: \"Ada Lovelace\" <14155550100@customers.switchboard.invalid>\r\n"), message);
        assertTrue(message.contains("\r\nSubject: Re: Printer on fire\r\n"), message);
        assertTrue(message.contains("\r\nMessage-ID: <" + MESSAGE_ID + ">\r\n"), message);
        assertTrue(message.contains("Content-Type: multipart/mixed;"), message);
        assertTrue(message.contains("Still smoking, please hurry.\r\nhttps://media.example/p/2.mp4"), message);
        assertTrue(message.contains("Content-Type: image/jpeg; name=\"smoke.jpg\"\r\n"
                + "Content-Disposition: attachment; filename=\"smoke.jpg\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4})),
                message);
    }

    @Test
    void aMessageRtAlreadyHasIsFoundByItsMarkerAndNotPostedAgain() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.NEW, null, null, 5), 3));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 3));
        context.entries.put(7L, v(Fixtures.inbound(7, "Ada Lovelace", "Still smoking.", List.of()), 1));
        RT.stubFor(post(urlPathEqualTo(REST + "attachments")).withQueryParam("fields", equalTo("TransactionId"))
                .withRequestBody(equalToJson("[{\"field\":\"MessageId\",\"value\":\"" + MESSAGE_ID + "\"}]"))
                .willReturn(json(200, attachmentsFound("59"))));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 7, 42L));

        assertEquals(new ExternalRef(EntityKind.ENTRY, 7, "rt-txn-59", 1), context.refs.get("ENTRY:7"));
        assertTrue(gatewayPosts().isEmpty());
    }

    @Test
    void anEntryOfATicketRtDoesNotHaveYetCreatesTheTicketFirst() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.NEW, null, null, 5), 3));
        context.entries.put(7L, v(Fixtures.inbound(7, "Ada Lovelace", "Hello", List.of()), 1));
        stubNoTicketWithMarker();
        RT.stubFor(post(urlPathEqualTo(REST + "ticket")).withRequestBody(equalToJson("{\"Queue\":\"General\","
                        + "\"Subject\":\"Printer on fire\",\"Requestor\":\"Ada Lovelace <14155550100@customers.switchboard.invalid>\","
                        + "\"CustomFields\":{\"Switchboard Ticket\":\"42\"}}"))
                .willReturn(json(201, "{\"id\":\"17\",\"type\":\"ticket\"}")));
        stubMarkerSearch(MESSAGE_ID, null, "60");

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 7, 42L));

        assertEquals("17", context.refs.get("TICKET:42").externalId());
        assertEquals("rt-txn-60", context.refs.get("ENTRY:7").externalId());
        assertEquals("17", gatewayPosts().get(0).get("ticket"));
    }

    @Test
    void aNoteBecomesACommentAndAnAgentsReplyCorrespondenceFromTheBridgesUser() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.OPEN, null, null, 5), 3));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 3));
        context.entries.put(8L, v(Fixtures.note(8, "Bob", "Customer is a VIP; be quick."), 1));
        context.entries.put(9L, v(Fixtures.outbound(9, "Bob", "A technician is on the way. ü", DeliveryStatus.SENT, null), 2));
        stubMarkerSearch("sb-helpdesk-entry-8@switchboard.invalid", null, "61");
        stubMarkerSearch("sb-helpdesk-entry-9@switchboard.invalid", null, "62");

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 8, 42L));
        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 9, 42L));

        List<Map<String, String>> posts = gatewayPosts();
        assertEquals(List.of("comment", "correspond"), posts.stream().map(f -> f.get("action")).toList());
        assertTrue(posts.get(0).get("message").startsWith("From: \"Bob (Switchboard)\" <root@localhost>\r\n"));
        assertTrue(posts.get(0).get("message").contains("Customer is a VIP; be quick."));
        assertTrue(posts.get(1).get("message").contains("A technician is on the way. =C3=BC"), posts.get(1).get("message"));
        assertEquals("rt-txn-61", context.refs.get("ENTRY:8").externalId());
        assertEquals("rt-txn-62", context.refs.get("ENTRY:9").externalId());
    }

    @Test
    void eventsAndCustomersWriteNothing() {
        context.entries.put(10L, v(new io.switchboard.api.model.TimelineEntry(10, io.switchboard.api.model.EntryType.EVENT,
                Fixtures.CREATED, null, null, io.switchboard.api.model.AuthorType.SYSTEM, "system", "Status: OPEN", List.of(),
                null, null, null), 1));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 10, 42L));
        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.CUSTOMER, 5, null));
        assertTrue(gatewayPosts().isEmpty());
        assertFalse(context.refs.containsKey("ENTRY:10"));
    }

    @Test
    void aFailedDeliveryIsCommentedOnTheRtTicketOnce() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.OPEN, null, null, 5), 3));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 3));
        // A reply written in RT: its entry came in with its reference; now the SMS bounced.
        context.entries.put(11L, v(Fixtures.outbound(11, "Agent One", "Try turning it off.", DeliveryStatus.FAILED,
                "21610: the customer opted out"), 3));
        context.refs.put("ENTRY:11", new ExternalRef(EntityKind.ENTRY, 11, "rt-txn-55", 1));
        stubMarkerSearch("sb-helpdesk-entry-11-failed@switchboard.invalid", null, "63");

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 11, 42L));
        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 11, 42L));

        List<Map<String, String>> posts = gatewayPosts();
        assertEquals(1, posts.size());
        assertEquals("comment", posts.get(0).get("action"));
        assertEquals("17", posts.get(0).get("ticket"));
        assertTrue(posts.get(0).get("message").contains("Delivery failed: 21610: the customer opted out"));
        assertEquals(new ExternalRef(EntityKind.ENTRY, 11, "rt-txn-55", 3), context.refs.get("ENTRY:11"));
    }

    @Test
    void aDeliveryFailureRtAlreadyHasIsNotCommentedAgainAfterACrash() {
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.OPEN, null, null, 5), 3));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 3));
        context.entries.put(11L, v(Fixtures.outbound(11, "Agent One", "Try turning it off.", DeliveryStatus.FAILED, "opted out"), 3));
        context.refs.put("ENTRY:11", new ExternalRef(EntityKind.ENTRY, 11, "rt-txn-55", 1));
        RT.stubFor(post(urlPathEqualTo(REST + "attachments")).withQueryParam("fields", equalTo("TransactionId"))
                .withRequestBody(equalToJson("[{\"field\":\"MessageId\",\"value\":\"sb-helpdesk-entry-11-failed@switchboard.invalid\"}]"))
                .willReturn(json(200, attachmentsFound("63"))));

        assertInstanceOf(ApplyResult.Applied.class, apply(EntityKind.ENTRY, 11, 42L));

        assertTrue(gatewayPosts().isEmpty());
        assertEquals(3, context.refs.get("ENTRY:11").syncedVersion());
    }
}
