package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TicketApiTest {
    private static final Pattern ISO_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static ApiFixture api;
    private static Customer ada;
    private static Customer bob;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
        ada = api.tickets.addCustomer("Ada Lovelace", "+14155550100");
        bob = api.tickets.addCustomer("Bob", "+14155550111");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void ticketsComeInPagesWithTheirTotal() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(api.tickets.addTicket(ada.id(), "Paging " + i, TicketStatus.OPEN, "paging", "sms-main").id());
        }
        JsonNode first = api.get("/api/v1/tickets?queue=paging&size=3", api.agentToken).json();
        assertEquals(7, first.path("total").asLong());
        assertEquals(0, first.path("page").asInt());
        assertEquals(3, first.path("size").asInt());
        assertEquals(ids.get(0), first.path("items").get(0).path("id").asLong());

        JsonNode last = api.get("/api/v1/tickets?queue=paging&size=3&page=2", api.agentToken).json();
        assertEquals(1, last.path("items").size());
        assertEquals(ids.get(6), last.path("items").get(0).path("id").asLong());
        assertEquals(0, api.get("/api/v1/tickets?queue=paging&size=3&page=3", api.agentToken)
                .json().path("items").size());

        JsonNode defaults = api.get("/api/v1/tickets?queue=paging", api.agentToken).json();
        assertEquals(50, defaults.path("size").asInt());
        assertEquals(7, defaults.path("items").size());
    }

    @Test
    void filtersReachTheTicketService() {
        api.tickets.addTicket(bob.id(), "Filter pending", TicketStatus.PENDING, "filters", "chat-web");
        api.tickets.addTicket(bob.id(), "Filter open", TicketStatus.OPEN, "filters", "sms-main");
        JsonNode pending = api.get("/api/v1/tickets?queue=filters&status=pending", api.agentToken).json();
        assertEquals(1, pending.path("total").asLong());
        assertEquals("Filter pending", pending.path("items").get(0).path("subject").asText());
        assertEquals(1, api.get("/api/v1/tickets?queue=filters&channel=chat-web", api.agentToken)
                .json().path("total").asLong());
        assertEquals(2, api.get("/api/v1/tickets?queue=filters&customer=" + bob.id() + "&assignee=none",
                api.agentToken).json().path("total").asLong());
    }

    @Test
    void aTicketComesWithConversationsTimelineAndUtcTimestamps() {
        Ticket ticket = api.tickets.addTicket(ada.id(), "No signal", TicketStatus.NEW, "detail", "sms-main");
        JsonNode json = api.get("/api/v1/tickets/" + ticket.id(), api.agentToken).json();
        assertEquals("No signal", json.path("subject").asText());
        assertEquals("NEW", json.path("status").asText());
        assertEquals("sms-main", json.path("conversations").get(0).path("channelInstance").asText());
        assertEquals("+14155550100", json.path("conversations").get(0).path("customerAddress").path("value").asText());
        JsonNode message = json.path("timeline").get(0);
        assertEquals("INBOUND", message.path("direction").asText());
        String created = json.path("createdAt").asText();
        assertTrue(ISO_UTC.matcher(created).matches(), created);
        assertEquals(ticket.createdAt(), Instant.parse(created));
        assertTrue(ISO_UTC.matcher(message.path("createdAt").asText()).matches(), message::toString);
        assertFalse(json.has("assignee"), "nulls are left out: " + json);
    }

    @Test
    void aReplyIsQueuedInTheAgentsName() {
        Ticket ticket = api.tickets.addTicket(ada.id(), "Reply here", TicketStatus.OPEN, "replies", "sms-main");
        ApiFixture.ApiResponse response = api.send("POST", "/api/v1/tickets/" + ticket.id() + "/replies",
                api.agentToken, "{\"text\": \"We are on it.\"}");
        assertEquals(202, response.status(), response::toString);
        JsonNode entry = response.json();
        assertEquals("QUEUED", entry.path("deliveryStatus").asText());
        assertEquals("OUTBOUND", entry.path("direction").asText());
        assertEquals(api.agentName, entry.path("author").asText());
        assertEquals(ticket.conversations().get(0).id(), entry.path("conversationId").asLong());

        JsonNode timeline = api.get("/api/v1/tickets/" + ticket.id(), api.agentToken).json().path("timeline");
        assertEquals("We are on it.", timeline.get(timeline.size() - 1).path("text").asText());
    }

    @Test
    void aReplyOnAConversationOfAnotherTicketIsInvalid() {
        Ticket ticket = api.tickets.addTicket(ada.id(), "Wrong conversation", TicketStatus.OPEN, "replies", "sms-main");
        JsonNode problem = assertProblem(api.send("POST", "/api/v1/tickets/" + ticket.id() + "/replies",
                api.agentToken, "{\"text\": \"hi\", \"conversationId\": 1}"), 422, "/problems/validation");
        assertTrue(problem.path("detail").asText().contains("conversationId"), problem::toString);
    }

    @Test
    void aNoteIsCreatedInTheAgentsName() {
        Ticket ticket = api.tickets.addTicket(ada.id(), "Note here", TicketStatus.OPEN, "notes", "sms-main");
        ApiFixture.ApiResponse response = api.send("POST", "/api/v1/tickets/" + ticket.id() + "/notes",
                api.agentToken, "{\"text\": \"Customer called twice\"}");
        assertEquals(201, response.status(), response::toString);
        assertEquals("NOTE", response.json().path("type").asText());
        assertEquals(api.agentName, response.json().path("author").asText());
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        Ticket ticket = api.tickets.addTicket(ada.id(), "Patch me", TicketStatus.OPEN, "patches", "sms-main");
        ApiFixture.ApiResponse response = api.send("PATCH", "/api/v1/tickets/" + ticket.id(), api.adminToken,
                "{\"status\": \"pending\", \"assignee\": \"carol\", \"tags\": [\"vip\", \"router\"]}");
        assertEquals(200, response.status(), response::toString);
        JsonNode json = response.json();
        assertEquals("PENDING", json.path("status").asText());
        assertEquals("carol", json.path("assignee").asText());
        assertEquals("Patch me", json.path("subject").asText());
        assertEquals("NORMAL", json.path("priority").asText());
        assertEquals(2, json.path("tags").size());
        JsonNode timeline = json.path("timeline");
        assertEquals(api.adminName, timeline.get(timeline.size() - 1).path("author").asText());

        ApiFixture.ApiResponse unassigned = api.call("PATCH", "/api/v1/tickets/" + ticket.id()).token(api.agentToken)
                .body("application/merge-patch+json", "{\"assignee\": \"\"}").send();
        assertEquals(200, unassigned.status(), unassigned::toString);
        assertFalse(unassigned.json().has("assignee"));
    }

    @Test
    void customersAreListedSearchedAndMerged() {
        Customer one = api.tickets.addCustomer("Grace Hopper", "+14155550177");
        Customer two = api.tickets.addCustomer("G. Hopper", "+14155550188");
        Ticket ticketOfTwo = api.tickets.addTicket(two.id(), "Merge me", TicketStatus.OPEN, "merge", "sms-main");

        JsonNode found = api.get("/api/v1/customers?search=hopper&size=10", api.agentToken).json();
        assertEquals(2, found.path("total").asLong());
        JsonNode detail = api.get("/api/v1/customers/" + one.id(), api.agentToken).json();
        assertEquals("PHONE", detail.path("identities").get(0).path("kind").asText());

        ApiFixture.ApiResponse merged = api.send("POST", "/api/v1/customers/" + one.id() + "/merge", api.agentToken,
                "{\"sourceId\": " + two.id() + "}");
        assertEquals(200, merged.status(), merged::toString);
        assertEquals(one.id(), merged.json().path("id").asLong());
        assertEquals(2, merged.json().path("identities").size());
        assertEquals(one.id(), api.get("/api/v1/tickets/" + ticketOfTwo.id(), api.agentToken)
                .json().path("customerId").asLong());

        assertProblem(api.send("POST", "/api/v1/customers/" + one.id() + "/merge", api.agentToken,
                "{\"sourceId\": " + two.id() + "}"), 409, "/problems/conflict");
        assertProblem(api.send("POST", "/api/v1/customers/" + one.id() + "/merge", api.agentToken,
                "{\"sourceId\": " + one.id() + "}"), 422, "/problems/validation");
        assertProblem(api.send("POST", "/api/v1/customers/" + one.id() + "/merge", api.agentToken,
                "{\"sourceId\": 987654}"), 404, "/problems/not-found");
        assertProblem(api.get("/api/v1/customers/987654", api.agentToken), 404, "/problems/not-found");
    }
}
