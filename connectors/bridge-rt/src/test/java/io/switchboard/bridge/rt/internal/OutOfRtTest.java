package io.switchboard.bridge.rt.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.bridge.rt.internal.Fixtures.INSTANCE;
import static io.switchboard.bridge.rt.internal.Fixtures.REST;
import static io.switchboard.bridge.rt.internal.Fixtures.json;
import static io.switchboard.bridge.rt.internal.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ExternalRef;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Out of RT: staff replies, comments and status changes come in once; the bridge's own writes never do. */
class OutOfRtTest {

    @RegisterExtension
    static final WireMockExtension RT = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private FakeBridgeContext context;
    private RtBridge bridge;

    @BeforeEach
    void setUp() {
        Fixtures.rtIsReady(RT);
        context = new FakeBridgeContext(INSTANCE, Fixtures.configuration(RT.baseUrl()));
        RtSettings settings = RtSettings.from(context.configuration());
        bridge = new RtBridge(context, settings, new RtClient(settings.url(), "root", "password"));
        context.tickets.put(42L, v(Fixtures.ticket(42, "Printer on fire", TicketStatus.OPEN, null, null, 5), 3));
        context.refs.put("TICKET:42", new ExternalRef(EntityKind.TICKET, 42, "17", 3));
        RT.stubFor(get(urlPathEqualTo(REST + "user/agent1"))
                .willReturn(json(200, "{\"id\":50,\"Name\":\"agent1\",\"RealName\":\"Agent One\",\"Privileged\":1}")));
        RT.stubFor(get(urlPathEqualTo(REST + "user/alice@example.org"))
                .willReturn(json(200, "{\"id\":51,\"Name\":\"alice@example.org\",\"RealName\":\"Alice\",\"Privileged\":0}")));
    }

    @AfterEach
    void tearDown() {
        bridge.dispose();
        context.close();
    }

    private static void stubTransactionsAfter(long cursor, String items) {
        RT.stubFor(post(urlPathEqualTo(REST + "transactions")).withQueryParam("orderby", equalTo("id"))
                .withQueryParam("order", equalTo("ASC")).withQueryParam("per_page", equalTo("100"))
                .withQueryParam("fields", equalTo("Type,Creator,ObjectId,Field,OldValue,NewValue"))
                .withRequestBody(equalToJson("[{\"field\":\"id\",\"operator\":\">\",\"value\":" + cursor + "},"
                        + "{\"field\":\"ObjectType\",\"value\":\"RT::Ticket\",\"entry_aggregator\":\"AND\"}]"))
                .willReturn(json(200, "{\"items\":[" + items + "],\"count\":" + (items.isEmpty() ? 0 : items.split("\\{\"id\"").length - 1) + "}")));
    }

    private static String txn(long id, String type, String creator, String ticket, String newValue) {
        return "{\"id\":\"" + id + "\",\"type\":\"transaction\",\"Type\":\"" + type + "\",\"Creator\":{\"id\":\"" + creator
                + "\",\"type\":\"user\"},\"ObjectId\":\"" + ticket + "\",\"Field\":\"" + (type.equals("Status") ? "Status" : "")
                + "\",\"OldValue\":\"\",\"NewValue\":\"" + newValue + "\"}";
    }

    private static void stubContent(long transaction, String parts) {
        RT.stubFor(get(urlPathEqualTo(REST + "transaction/" + transaction + "/attachments"))
                .withQueryParam("fields", equalTo("ContentType,Filename,Content,MessageId"))
                .willReturn(json(200, "{\"items\":[" + parts + "]}")));
    }

    private static String part(String contentType, String fileName, String content, String messageId) {
        return "{\"id\":\"1\",\"ContentType\":\"" + contentType + "\",\"Filename\":" + (fileName == null ? "null" : "\"" + fileName + "\"")
                + ",\"Content\":" + (content == null ? "null" : "\"" + content + "\"") + ",\"MessageId\":\"" + messageId + "\"}";
    }

    @Test
    void onFirstStartTheCursorBeginsAtRtsNewestTransaction() {
        stubTransactionsAfter(40, "");

        bridge.poll();

        assertEquals("40", context.state.get(RtBridge.CURSOR_KEY));
        assertTrue(context.events.isEmpty());
        assertEquals(Health.online(), context.lastHealth());
    }

    @Test
    void staffRepliesCommentsAndStatusChangesComeInAndTheBridgesOwnAndRtSystemsAreSkipped() {
        context.state.put(RtBridge.CURSOR_KEY, "100");
        stubTransactionsAfter(100, String.join(",",
                txn(101, "Correspond", "agent1", "17", ""),
                txn(102, "Correspond", "root", "17", ""),              // the bridge's own write
                txn(103, "Status", "RT_System", "17", "open"),         // RT's auto-open
                txn(104, "EmailRecord", "RT_System", "17", ""),
                txn(105, "Comment", "agent1", "17", ""),
                txn(106, "Status", "agent1", "17", "stalled"),
                txn(107, "Correspond", "agent1", "99", ""),            // a ticket not bridged
                txn(108, "Correspond", "alice@example.org", "17", ""), // the requestor, by mail
                txn(109, "Correspond", "agent1", "17", "")));          // carries our marker
        stubContent(101, part("multipart/mixed", null, null, "rt-5.0.3-1@switchboard.test") + ","
                + part("text/plain", null, "Have you tried turning it off and on?", "") + ","
                + part("text/plain", "log.txt", "attached file", ""));
        stubContent(105, part("text/html", null, "<p>Customer&#39;s printer is <b>old</b>.</p><p>Replace it.</p>", "rt-5.0.3-2@x"));
        stubContent(109, part("text/plain", null, "Something Switchboard wrote", "sb-helpdesk-entry-3@switchboard.invalid"));

        bridge.poll();

        assertEquals(List.of(
                new FakeBridgeContext.Event("reply", 42, "Agent One", "Have you tried turning it off and on?", "rt-txn-101"),
                new FakeBridgeContext.Event("note", 42, "Agent One", "Customer's printer is old.\nReplace it.", "rt-txn-105"),
                new FakeBridgeContext.Event("status", 42, "Agent One", "PENDING", "rt-txn-106")), context.events);
        assertEquals("109", context.state.get(RtBridge.CURSOR_KEY));
        // The status change moved the ticket's reference with it: its echo through the stream has nothing to do.
        assertEquals(context.tickets.get(42L).version(), context.refs.get("TICKET:42").syncedVersion());

        // Nothing new: nothing happens, nothing twice.
        stubTransactionsAfter(109, "");
        bridge.poll();
        assertEquals(3, context.events.size());
    }

    @Test
    void aPollRepeatedAfterACrashBeforeTheCursorWasSavedHasEffectOnce() {
        context.state.put(RtBridge.CURSOR_KEY, "100");
        stubTransactionsAfter(100, txn(101, "Correspond", "agent1", "17", ""));
        stubContent(101, part("text/plain", null, "On my way.", ""));

        bridge.poll();
        context.state.put(RtBridge.CURSOR_KEY, "100");
        bridge.poll();

        assertEquals(1, context.events.size());
        RT.verify(2, postRequestedFor(urlPathEqualTo(REST + "transactions")).withQueryParam("order", equalTo("ASC")));
    }
}
