package io.switchboard.connector.webhookgeneric.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.testkit.RecordingChannelContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sends replies to a WireMock callback that only answers a request exactly as the protocol describes it. */
class SendTest {

    private static final String SECRET = "send-test-secret-000001";

    @RegisterExtension
    static final WireMockExtension CALLBACK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final OutboundMessage REPLY = new OutboundMessage("out-1", 42L, "thread-9",
            Address.scoped(IdentityKind.EXTERNAL, "support", "user:42"), "Grace Agent", "Your parcel ships today.",
            List.of(new Attachment("https://files.example.com/label.pdf", "application/pdf", "label.pdf", 1234)), 2);

    private static final String REPLY_JSON = """
            {"messageId": "out-1", "ticketId": 42, "threadId": "thread-9", "recipient": {"id": "user:42"},
             "author": "Grace Agent", "text": "Your parcel ships today.",
             "attachments": [{"url": "https://files.example.com/label.pdf", "contentType": "application/pdf", "fileName": "label.pdf"}],
             "attempt": 2}
            """;

    @Test
    void aTakenReplyIsSentWithTheCallbacksOwnId() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"ext-981\", \"other\": 1}")));

        assertEquals(SendResult.sent("ext-981"), channel(10).send(REPLY));

        LoggedRequest request = CALLBACK.findAll(postRequestedFor(urlEqualTo("/replies"))).get(0);
        assertEquals(Hmac.header(SECRET, request.getBody()), request.getHeader(Signature.HEADER),
                "the signature covers exactly the bytes sent");
    }

    @Test
    void withoutAnIdInTheAnswerTheOutboundIdStands() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(204)));

        assertEquals(SendResult.sent("out-1"), channel(10).send(REPLY));
    }

    @Test
    void anAnswerThatIsNotJsonStillMeansTaken() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(200).withBody("OK")));

        assertEquals(SendResult.sent("out-1"), channel(10).send(REPLY));
    }

    @Test
    void emptyPartsAreSentAsNulls() {
        OutboundMessage bare = new OutboundMessage("out-2", 7L, null,
                Address.scoped(IdentityKind.EXTERNAL, "support", "u-1"), null, "Hi", List.of(), 1);
        CALLBACK.stubFor(post(urlEqualTo("/replies"))
                .withHeader("Idempotency-Key", equalTo("out-2"))
                .withRequestBody(equalToJson("""
                        {"messageId": "out-2", "ticketId": 7, "threadId": null, "recipient": {"id": "u-1"},
                         "author": null, "text": "Hi", "attachments": [], "attempt": 1}
                        """))
                .willReturn(aResponse().withStatus(200)));

        assertEquals(SendResult.sent("out-2"), channel(10).send(bare));
    }

    @Test
    void unavailableIsRetried() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(503)));

        assertEquals(new SendResult.Retry("callback URL answered 503", null), channel(10).send(REPLY));
    }

    @Test
    void rateLimitedIsRetriedWhenTheCallbackSays() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertEquals(new SendResult.Retry("callback URL answered 429", Duration.ofSeconds(120)), channel(10).send(REPLY));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 500, 502, 504})
    void temporaryFailuresAreRetried(int status) {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(status)));

        assertInstanceOf(SendResult.Retry.class, channel(10).send(REPLY));
    }

    @Test
    void aRefusedReplyFailsWithTheCallbacksReason() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Bad Request\", \"detail\": \"recipient user:42 unknown\\nsee docs\"}")));

        assertEquals(SendResult.failed("callback URL answered 400: recipient user:42 unknown see docs"),
                channel(10).send(REPLY));
    }

    @Test
    void aRefusalWithoutBodyFailsWithTheStatusLine() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(403)));

        assertEquals(SendResult.failed("callback URL answered 403 Forbidden"), channel(10).send(REPLY));
    }

    @Test
    void aRedirectIsNotFollowedButReported() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(301).withHeader("Location", "https://elsewhere/")));

        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, channel(10).send(REPLY));
        assertTrue(failed.reason().startsWith("callback URL answered 301"), failed.reason());
    }

    @Test
    void aRefusedConnectionIsRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChannelInstance channel = new WebhookGenericChannelType().create(new RecordingChannelContext("support",
                Map.of("callbackUrl", "http://127.0.0.1:" + closedPort + "/replies", "secret", SECRET)));

        SendResult.Retry retry = assertInstanceOf(SendResult.Retry.class, channel.send(REPLY));
        assertTrue(retry.reason().startsWith("could not reach the callback URL (ConnectException"), retry.reason());
        assertNull(retry.after());
    }

    @Test
    void aCallbackThatDoesNotAnswerInTimeIsRetried() {
        CALLBACK.stubFor(exactReply().willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        assertEquals(SendResult.retry("callback URL did not answer within 1 s"), channel(1).send(REPLY));
    }

    @Test
    void onlyExternalAddressesCanBeRepliedTo() {
        OutboundMessage toPhone = new OutboundMessage("out-3", 1L, null, Address.phone("+14155550100"), null, "Hi",
                List.of(), 1);

        assertEquals(SendResult.failed("this channel replies only to EXTERNAL addresses, not PHONE"),
                channel(10).send(toPhone));
        assertTrue(CALLBACK.getAllServeEvents().isEmpty());
    }

    @Test
    void anIdThatCannotTravelInAHeaderFailsWithoutThrowing() {
        OutboundMessage broken = new OutboundMessage("out-4\r\nX-Injected: 1", 1L, null,
                Address.scoped(IdentityKind.EXTERNAL, "support", "u-1"), null, "Hi", List.of(), 1);

        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, channel(10).send(broken));
        assertTrue(failed.reason().startsWith("could not build the callback request"), failed.reason());
        assertTrue(CALLBACK.getAllServeEvents().isEmpty());
    }

    @Test
    void creatingAnInstanceCallsNobody() {
        channel(10);

        assertTrue(CALLBACK.getAllServeEvents().isEmpty());
    }

    @Test
    void aDisposedInstanceAsksForALaterTry() {
        ChannelInstance channel = channel(10);
        channel.dispose();

        assertInstanceOf(SendResult.Retry.class, channel.send(REPLY));
        assertTrue(CALLBACK.getAllServeEvents().isEmpty());
    }

    /** Matches only the reply as the protocol documents it; anything else gets WireMock's 404. */
    private static MappingBuilder exactReply() {
        return post(urlEqualTo("/replies"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Idempotency-Key", equalTo("out-1"))
                .withHeader(Signature.HEADER, equalTo(Hmac.header(SECRET, compact(REPLY_JSON))))
                .withRequestBody(equalToJson(REPLY_JSON));
    }

    /** The body exactly as sent: the documented fields in the documented order, no spaces. */
    private static String compact(String json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writeValueAsString(mapper.readTree(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ChannelInstance channel(int timeoutSeconds) {
        return new WebhookGenericChannelType().create(new RecordingChannelContext("support", Map.of(
                "callbackUrl", CALLBACK.baseUrl() + "/replies",
                "secret", SECRET,
                "requestTimeoutSeconds", timeoutSeconds)));
    }
}
