package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.tickets.StoredAttachment;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attachments on the timeline with their fetch status, and the download of stored content. */
class AttachmentApiTest {
    private static ApiFixture api;
    private static Customer customer;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
        customer = api.tickets.addCustomer("Ada Lovelace", "+14155550100");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void theTimelineShowsEachAttachmentsStatusAndALinkOnceStored() {
        Ticket ticket = api.tickets.addTicket(customer.id(), "Photos", TicketStatus.NEW, "media", "sms-main");
        StoredAttachment stored = api.tickets.attach(ticket.id(), "ME1.jpg", "image/jpeg",
                StoredAttachment.Status.STORED, new byte[] {1, 2, 3}, null);
        StoredAttachment pending = api.tickets.attach(ticket.id(), null, "image/png",
                StoredAttachment.Status.PENDING, null, null);
        StoredAttachment failed = api.tickets.attach(ticket.id(), "ME3.pdf", "application/pdf",
                StoredAttachment.Status.FAILED, null, "Twilio answered 404: the media no longer exists");

        JsonNode attachments = api.get("/api/v1/tickets/" + ticket.id(), api.agentToken).json()
                .path("timeline").get(0).path("attachments");

        assertEquals(3, attachments.size(), attachments::toString);
        JsonNode first = attachments.get(0);
        assertEquals(stored.id(), first.path("id").asLong());
        assertEquals("STORED", first.path("status").asText());
        assertEquals("ME1.jpg", first.path("fileName").asText());
        assertEquals("image/jpeg", first.path("contentType").asText());
        assertEquals(3, first.path("size").asLong());
        assertEquals(stored.url(), first.path("url").asText());
        assertEquals("/api/v1/attachments/" + stored.id() + "/content", first.path("contentUrl").asText());
        assertFalse(first.has("failureReason"), first::toString);

        JsonNode second = attachments.get(1);
        assertEquals(pending.id(), second.path("id").asLong());
        assertEquals("PENDING", second.path("status").asText());
        assertEquals(-1, second.path("size").asLong());
        assertFalse(second.has("contentUrl"), "no link before the content is stored: " + second);
        assertFalse(second.has("fileName"), second::toString);

        JsonNode third = attachments.get(2);
        assertEquals(failed.id(), third.path("id").asLong());
        assertEquals("FAILED", third.path("status").asText());
        assertEquals("Twilio answered 404: the media no longer exists", third.path("failureReason").asText());
        assertFalse(third.has("contentUrl"), third::toString);

        JsonNode patched = api.send("PATCH", "/api/v1/tickets/" + ticket.id(), api.agentToken, "{\"queue\": \"media-2\"}")
                .json();
        assertEquals(attachments, patched.path("timeline").get(0).path("attachments"), "the same after a change");
    }

    @Test
    void anAgentDownloadsTheExactBytesWithTypeLengthAndFileName() {
        Ticket ticket = api.tickets.addTicket(customer.id(), "Download", TicketStatus.OPEN, "media", "sms-main");
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        StoredAttachment stored = api.tickets.attach(ticket.id(), "Rechnung März.pdf", "application/pdf",
                StoredAttachment.Status.STORED, content, null);

        HttpResponse<byte[]> response = api.call("GET", "/api/v1/attachments/" + stored.id() + "/content")
                .token(api.agentToken).header("Accept", "application/json").sendForBytes();

        assertEquals(200, response.statusCode());
        assertArrayEquals(content, response.body());
        assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(Long.toString(content.length), response.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"Rechnung M_rz.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
                response.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));

        HttpResponse<byte[]> asAdmin = api.call("GET", "/api/v1/attachments/" + stored.id() + "/content")
                .token(api.adminToken).sendForBytes();
        assertEquals(200, asAdmin.statusCode());
        assertArrayEquals(content, asAdmin.body());
    }

    @Test
    void contentWithoutATypeOrNameIsServedAsBytesUnderANameOfItsOwn() {
        Ticket ticket = api.tickets.addTicket(customer.id(), "Unknown", TicketStatus.OPEN, "media", "sms-main");
        StoredAttachment stored = api.tickets.attach(ticket.id(), "../\"evil\"\r\nname", "not a type",
                StoredAttachment.Status.STORED, new byte[] {42}, null);
        StoredAttachment nameless = api.tickets.attach(ticket.id(), null, null, StoredAttachment.Status.STORED,
                new byte[] {43}, null);

        HttpResponse<byte[]> response = api.call("GET", "/api/v1/attachments/" + stored.id() + "/content")
                .token(api.agentToken).sendForBytes();
        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElse(""));
        String disposition = response.headers().firstValue("Content-Disposition").orElse("");
        assertEquals("attachment; filename=\"..__evil___name\"; filename*=UTF-8''.._%22evil%22__name", disposition,
                "no path, quote or line break of the name reaches the header");

        assertTrue(api.call("GET", "/api/v1/attachments/" + nameless.id() + "/content").token(api.agentToken)
                .sendForBytes().headers().firstValue("Content-Disposition").orElse("")
                .startsWith("attachment; filename=\"attachment-" + nameless.id() + "\""));
    }

    @Test
    void unknownOrNotStoredContentIsANotFoundProblemAndATokenIsNeeded() {
        Ticket ticket = api.tickets.addTicket(customer.id(), "Missing", TicketStatus.OPEN, "media", "sms-main");
        StoredAttachment pending = api.tickets.attach(ticket.id(), "ME9.jpg", "image/jpeg",
                StoredAttachment.Status.PENDING, null, null);
        StoredAttachment stored = api.tickets.attach(ticket.id(), "ME10.jpg", "image/jpeg",
                StoredAttachment.Status.STORED, new byte[] {1}, null);

        JsonNode problem = assertProblem(api.get("/api/v1/attachments/" + pending.id() + "/content", api.agentToken),
                404, "/problems/not-found");
        assertTrue(problem.path("detail").asText().contains("Attachment " + pending.id()), problem::toString);
        assertProblem(api.get("/api/v1/attachments/987654321/content", api.agentToken), 404, "/problems/not-found");
        assertProblem(api.get("/api/v1/attachments/abc/content", api.agentToken), 404, "/problems/not-found");
        assertProblem(api.get("/api/v1/attachments/" + stored.id() + "/content", null), 401, "/problems/unauthorized");
    }
}
