package io.switchboard.bridge.rt.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.switchboard.api.bridge.Versioned;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.Conversation;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.Identity;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Priority;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared test data: a configuration, model objects, and RT's answers to what the bridge asks on start. */
final class Fixtures {
    static final String INSTANCE = "helpdesk";
    static final Instant CREATED = Instant.parse("2026-11-28T09:20:00Z");
    static final String REST = "/REST/2.0/";
    static final String GATEWAY = "/REST/1.0/NoAuth/mail-gateway";

    private Fixtures() {
    }

    static Map<String, Object> configuration(String url) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("url", url);
        configuration.put("username", "root");
        configuration.put("password", "password");
        configuration.put("queueMapping", new String[] {"billing=Billing"});
        return configuration;
    }

    static Customer phoneCustomer(long id, String name, String phone) {
        return new Customer(id, name, List.of(new Identity(id * 10, IdentityKind.PHONE, phone)), CREATED);
    }

    static Customer emailCustomer(long id, String name, String email) {
        return new Customer(id, name, List.of(new Identity(id * 10, IdentityKind.PHONE, "+14155550100"),
                new Identity(id * 10 + 1, IdentityKind.EMAIL, email)), CREATED);
    }

    static Ticket ticket(long id, String subject, TicketStatus status, String queue, String assignee, long customerId) {
        return new Ticket(id, subject, status, Priority.NORMAL, queue, assignee, Set.of(), customerId, CREATED, CREATED,
                null, null, List.of(new Conversation(1, "sms", "sms-twilio", null, Address.phone("+14155550100"))),
                List.of());
    }

    static Ticket withStatus(Ticket t, TicketStatus status) {
        return new Ticket(t.id(), t.subject(), status, t.priority(), t.queue(), t.assignee(), t.tags(), t.customerId(),
                t.createdAt(), t.updatedAt(), t.firstResponseAt(), t.solvedAt(), t.conversations(), t.timeline());
    }

    static TimelineEntry inbound(long id, String author, String text, List<Attachment> attachments) {
        return new TimelineEntry(id, EntryType.MESSAGE, CREATED, 1L, Direction.INBOUND, AuthorType.CUSTOMER, author, text,
                attachments, DeliveryStatus.RECEIVED, "SM" + id, null);
    }

    static TimelineEntry outbound(long id, String author, String text, DeliveryStatus status, String failure) {
        return new TimelineEntry(id, EntryType.MESSAGE, CREATED, 1L, Direction.OUTBOUND, AuthorType.AGENT, author, text,
                List.of(), status, null, failure);
    }

    static TimelineEntry note(long id, String author, String text) {
        return new TimelineEntry(id, EntryType.NOTE, CREATED, null, null, AuthorType.AGENT, author, text, List.of(), null,
                null, null);
    }

    static <T> Versioned<T> v(T value, long version) {
        return new Versioned<>(value, version);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** What RT answers while the bridge gets ready: the bridge's user, an existing marker field, the newest transaction. */
    static void rtIsReady(WireMockExtension rt) {
        rt.stubFor(get(urlPathEqualTo(REST + "user/root")).willReturn(json(200,
                "{\"id\":14,\"Name\":\"root\",\"EmailAddress\":\"root@localhost\",\"RealName\":\"Enoch Root\",\"Privileged\":1}")));
        rt.stubFor(post(urlPathEqualTo(REST + "customfields")).withRequestBody(equalToJson(
                "[{\"field\":\"Name\",\"value\":\"Switchboard Ticket\"},"
                        + "{\"field\":\"LookupType\",\"value\":\"RT::Queue-RT::Ticket\",\"entry_aggregator\":\"AND\"}]"))
                .willReturn(json(200, "{\"items\":[{\"id\":\"2\",\"type\":\"customfield\"}],\"count\":1,\"total\":1}")));
        rt.stubFor(post(urlPathEqualTo(REST + "transactions")).withQueryParam("order", equalTo("DESC"))
                .withQueryParam("per_page", equalTo("1")).withQueryParam("orderby", equalTo("id"))
                .withRequestBody(equalToJson("[{\"field\":\"id\",\"operator\":\">\",\"value\":0}]"))
                .willReturn(json(200, "{\"items\":[{\"id\":\"40\",\"type\":\"transaction\"}],\"count\":1,\"total\":40}")));
    }

    /** RT's answer to the search for a Message-ID marker. */
    static String attachmentsFound(String transactionId) {
        return transactionId == null ? "{\"items\":[],\"count\":0,\"total\":0,\"pages\":0.0}"
                : "{\"items\":[{\"id\":\"70\",\"type\":\"attachment\",\"TransactionId\":\"" + transactionId
                        + "\"}],\"count\":1,\"total\":1,\"pages\":1}";
    }
}
