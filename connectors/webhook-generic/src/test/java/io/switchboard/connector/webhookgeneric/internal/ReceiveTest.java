package io.switchboard.connector.webhookgeneric.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.testkit.RecordingChannelContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives {@link ChannelInstance#receive} the way the core does, with requests signed like an integrator's. */
class ReceiveTest {

    private static final String INSTANCE = "support";
    private static final String SECRET = "receive-test-secret-0001";

    private final ChannelInstance channel = new WebhookGenericChannelType().create(new RecordingChannelContext(
            INSTANCE, Map.of("callbackUrl", "http://127.0.0.1:9/replies", "secret", SECRET)));

    @Test
    void aMessageWithEveryFieldBecomesOneEvent() {
        String body = """
                {"eventId": "evt-1", "threadId": "thread-9", "text": "My parcel is late",
                 "sender": {"id": "user-42", "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+1 415 555 0100"},
                 "attachments": [
                   {"url": "https://files.example.com/receipt.pdf", "contentType": "application/pdf", "fileName": "receipt.pdf"},
                   {"url": "http://files.example.com/photo"}],
                 "timestamp": "2026-01-01T10:00:00Z",
                 "futureField": {"ignored": true}}
                """;

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, receive(signed("/messages", body)));

        InboundMessage message = assertInstanceOf(InboundMessage.class, accepted.events().get(0));
        assertEquals(1, accepted.events().size());
        assertEquals("evt-1", message.eventId());
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), message.occurredAt());
        assertEquals(new Contact(Address.scoped(IdentityKind.EXTERNAL, INSTANCE, "user-42"),
                List.of(Address.email("ada@example.com"), Address.phone("+1 415 555 0100")), "Ada Lovelace"),
                message.from());
        assertEquals("support:user-42", message.from().replyAddress().value());
        assertEquals("thread-9", message.threadId());
        assertEquals("My parcel is late", message.text());
        assertEquals(List.of(
                new Attachment("https://files.example.com/receipt.pdf", "application/pdf", "receipt.pdf", -1),
                new Attachment("http://files.example.com/photo", null, null, -1)), message.attachments());
    }

    @Test
    void theDocumentedExampleIsAccepted() {
        ChannelInstance documented = new WebhookGenericChannelType().create(new RecordingChannelContext(INSTANCE,
                Map.of("callbackUrl", "https://crm.example.com/switchboard/replies", "secret", "example-secret-0123456789")));
        String body = "{\"eventId\":\"evt-1001\",\"sender\":{\"id\":\"user-42\",\"name\":\"Ada Lovelace\"},"
                + "\"text\":\"Hello, I need help with my order.\"}";

        InboundMessage message = onlyEvent(documented.receive(request("POST", "/messages", Map.of(Signature.HEADER,
                "sha256=4079260dfa0fb5e4e5970726cd394f54f78f106cb5dcfa266a5354601c33da81"), body)), InboundMessage.class);

        assertEquals("support:user-42", message.from().replyAddress().value());
        assertEquals("Ada Lovelace", message.from().displayName());
    }

    @Test
    void theAnswerIsJsonNamingTheEvent() {
        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                receive(signed("/messages", "{\"eventId\":\"evt-\\\"2\",\"sender\":{\"id\":\"u\"},\"text\":\"hi\"}")));

        assertEquals(200, accepted.response().status());
        assertEquals("application/json", accepted.response().contentType());
        assertArrayEquals("{\"status\":\"accepted\",\"eventId\":\"evt-\\\"2\"}".getBytes(StandardCharsets.UTF_8),
                accepted.response().body());
    }

    @Test
    void aMinimalMessageLeavesTheOptionalPartsEmpty() {
        InboundMessage message = onlyEvent(receive(signed("/messages",
                "{\"eventId\":\"evt-3\",\"sender\":{\"id\":\"u-1\"},\"text\":\"hello\"}")), InboundMessage.class);

        assertEquals(new Contact(Address.scoped(IdentityKind.EXTERNAL, INSTANCE, "u-1"), List.of(), null), message.from());
        assertNull(message.threadId());
        assertEquals(List.of(), message.attachments());
    }

    @Test
    void attachmentsAloneAreAMessage() {
        InboundMessage message = onlyEvent(receive(signed("/messages",
                "{\"eventId\":\"evt-4\",\"sender\":{\"id\":\"u-1\"},\"text\":null,"
                        + "\"attachments\":[{\"url\":\"https://x.example/a.png\",\"contentType\":\"image/png\"}]}")),
                InboundMessage.class);

        assertEquals("", message.text());
        assertEquals(List.of(new Attachment("https://x.example/a.png", "image/png", null, -1)), message.attachments());
    }

    @Test
    void aFailureReportBecomesADeliveryUpdateOfTheSentMessage() {
        DeliveryUpdate update = onlyEvent(receive(signed("/status",
                "{\"eventId\":\"st-1\",\"messageId\":\"out-7\",\"status\":\"failed\",\"reason\":\"user blocked us\","
                        + "\"timestamp\":\"2026-01-01T12:00:00+02:00\"}")), DeliveryUpdate.class);

        assertEquals(new DeliveryUpdate("st-1", Instant.parse("2026-01-01T10:00:00Z"), null, "out-7",
                DeliveryStatus.FAILED, "user blocked us"), update);
    }

    @ParameterizedTest
    @CsvSource({"delivered, DELIVERED", "read, READ"})
    void deliveredAndReadCarryNoReason(String status, DeliveryStatus expected) {
        DeliveryUpdate update = onlyEvent(receive(signed("/status",
                "{\"eventId\":\"st-2\",\"messageId\":\"out-7\",\"status\":\"" + status + "\",\"reason\":\"n/a\"}")),
                DeliveryUpdate.class);

        assertEquals(expected, update.status());
        assertEquals("out-7", update.outboundId());
        assertNull(update.reason());
    }

    @Test
    void anUnsignedRequestIsRejectedBeforeItsBodyIsRead() {
        assertRejected(Reason.UNAUTHENTICATED, "X-Switchboard-Signature header is missing",
                receive(request("POST", "/messages", Map.of(), "this is not JSON")));
    }

    @Test
    void aForgedRequestIsRejected() {
        String genuine = "{\"eventId\":\"evt-5\",\"sender\":{\"id\":\"u\"},\"text\":\"pay 10\"}";
        String forged = "{\"eventId\":\"evt-5\",\"sender\":{\"id\":\"u\"},\"text\":\"pay 99\"}";

        assertRejected(Reason.UNAUTHENTICATED, "X-Switchboard-Signature does not match the body",
                receive(request("POST", "/messages", Map.of(Signature.HEADER, Hmac.header(SECRET, genuine)), forged)));
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRejected() {
        String body = "{\"eventId\":\"evt-6\",\"sender\":{\"id\":\"u\"},\"text\":\"hi\"}";

        assertRejected(Reason.UNAUTHENTICATED, "X-Switchboard-Signature does not match the body",
                receive(request("POST", "/status", Map.of(Signature.HEADER, Hmac.header("other-secret-000000000", body)), body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/message", "/messages/", "/messages/1", "/statuses"})
    void otherPathsAreNotFound(String path) {
        assertRejected(Reason.NOT_FOUND, "no such endpoint; POST to /messages or /status",
                receive(signed(path, "{}")));
    }

    @ParameterizedTest
    @CsvSource({"GET, /messages", "PUT, /messages", "DELETE, /status"})
    void otherMethodsAreNotAllowed(String method, String path) {
        String body = "{}";
        assertRejected(Reason.METHOD_NOT_ALLOWED, path + " only accepts POST",
                receive(request(method, path, Map.of(Signature.HEADER, Hmac.header(SECRET, body)), body)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                   | body must be a JSON object
            [1, 2]                                                               | body must be a JSON object
            "text"                                                               | body must be a JSON object
            {"eventId": "e",                                                     | body is not valid JSON (line 1, column 17)
            {"eventId": "e"} {}                                                  | body is not valid JSON (line 1, column 18)
            {"eventId": "e", "eventId": "f"}                                     | body is not valid JSON (line 1, column 27)
            {"sender": {"id": "u"}, "text": "t"}                                 | eventId is required
            {"eventId": "  ", "sender": {"id": "u"}, "text": "t"}                | eventId is required
            {"eventId": 17, "sender": {"id": "u"}, "text": "t"}                  | eventId must be a string
            {"eventId": "e", "text": "t"}                                        | sender is required
            {"eventId": "e", "sender": "u", "text": "t"}                         | sender must be an object
            {"eventId": "e", "sender": {"name": "Ada"}, "text": "t"}             | sender.id is required
            {"eventId": "e", "sender": {"id": ["u"]}, "text": "t"}               | sender.id must be a string
            {"eventId": "e", "sender": {"id": "u", "name": 5}, "text": "t"}      | sender.name must be a string
            {"eventId": "e", "sender": {"id": "u", "email": "ada"}, "text": "t"} | sender.email is not an e-mail address
            {"eventId": "e", "sender": {"id": "u", "phone": "4155550100"}, "text": "t"} | sender.phone must be in international format, e.g. +14155550100
            {"eventId": "e", "sender": {"id": "u", "phone": "+12"}, "text": "t"} | sender.phone must be in international format, e.g. +14155550100
            {"eventId": "e", "sender": {"id": "u"}}                              | text or attachments is required
            {"eventId": "e", "sender": {"id": "u"}, "text": " ", "attachments": []} | text or attachments is required
            {"eventId": "e", "sender": {"id": "u"}, "text": 5}                   | text must be a string
            {"eventId": "e", "sender": {"id": "u"}, "text": "t", "threadId": 5}  | threadId must be a string
            {"eventId": "e", "sender": {"id": "u"}, "attachments": {}}           | attachments must be an array
            {"eventId": "e", "sender": {"id": "u"}, "attachments": ["https://x.example/a"]} | attachments[0] must be an object
            {"eventId": "e", "sender": {"id": "u"}, "attachments": [{"url": "https://x.example/a"}, {"fileName": "b"}]} | attachments[1].url is required
            {"eventId": "e", "sender": {"id": "u"}, "attachments": [{"url": "javascript:alert(1)"}]} | attachments[0].url must be an absolute http or https URL
            {"eventId": "e", "sender": {"id": "u"}, "attachments": [{"url": "/relative.png"}]} | attachments[0].url must be an absolute http or https URL
            {"eventId": "e", "sender": {"id": "u"}, "attachments": [{"url": "https://x.example/a", "contentType": 1}]} | attachments[0].contentType must be a string
            {"eventId": "e", "sender": {"id": "u"}, "text": "t", "timestamp": "yesterday"} | timestamp must be an ISO-8601 date-time with an offset, e.g. 2026-01-01T10:00:00Z
            {"eventId": "e", "sender": {"id": "u"}, "text": "t", "timestamp": "2026-01-01T10:00:00"} | timestamp must be an ISO-8601 date-time with an offset, e.g. 2026-01-01T10:00:00Z
            {"eventId": "e", "sender": {"id": "u"}, "text": "t", "timestamp": 1767261600} | timestamp must be a string
            """)
    void malformedMessagesNameTheirMistake(String body, String detail) {
        assertRejected(Reason.MALFORMED, detail, receive(signed("/messages", body)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"messageId": "m", "status": "read"}                                 | eventId is required
            {"eventId": "e", "status": "read"}                                   | messageId is required
            {"eventId": "e", "messageId": "m"}                                   | status is required
            {"eventId": "e", "messageId": "m", "status": "DELIVERED"}            | status must be one of delivered, read, failed
            {"eventId": "e", "messageId": "m", "status": "sent"}                 | status must be one of delivered, read, failed
            {"eventId": "e", "messageId": "m", "status": "failed", "reason": 3}  | reason must be a string
            {"eventId": "e", "messageId": "m", "status": "read", "timestamp": "10:00"} | timestamp must be an ISO-8601 date-time with an offset, e.g. 2026-01-01T10:00:00Z
            """)
    void malformedStatusReportsNameTheirMistake(String body, String detail) {
        assertRejected(Reason.MALFORMED, detail, receive(signed("/status", body)));
    }

    @Test
    void aDisposedInstanceRefusesLoudly() {
        channel.dispose();

        assertThrows(IllegalStateException.class,
                () -> channel.receive(signed("/messages", "{\"eventId\":\"e\",\"sender\":{\"id\":\"u\"},\"text\":\"t\"}")));
    }

    private InboundResult receive(WebhookRequest request) {
        return channel.receive(request);
    }

    private static WebhookRequest signed(String path, String body) {
        return request("POST", path, Map.of(Signature.HEADER, Hmac.header(SECRET, body)), body);
    }

    private static WebhookRequest request(String method, String path, Map<String, String> headers, String body) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Content-Type", List.of("application/json"));
        headers.forEach((name, value) -> all.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value)));
        return new WebhookRequest(method, path, URI.create("https://helpdesk.example.com/hooks/" + INSTANCE + path),
                all, body.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T onlyEvent(InboundResult result, Class<T> type) {
        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, result);
        assertEquals(1, accepted.events().size());
        return assertInstanceOf(type, accepted.events().get(0));
    }

    private static void assertRejected(Reason reason, String detail, InboundResult result) {
        assertEquals(new InboundResult.Rejected(reason, detail), result);
    }
}
