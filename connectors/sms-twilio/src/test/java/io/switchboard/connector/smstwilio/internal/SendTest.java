package io.switchboard.connector.smstwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.smstwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.smstwilio.internal.Fixtures.AUTH_TOKEN;
import static io.switchboard.connector.smstwilio.internal.Fixtures.CUSTOMER;
import static io.switchboard.connector.smstwilio.internal.Fixtures.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.testkit.RecordingChannelContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sends through the SDK to a WireMock Twilio that only answers the exact documented request. */
class SendTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final String STATUS_CALLBACK = "https://help.example.com/hooks/support/status?outbound=out-1";
    private static final OutboundMessage REPLY = reply("Your parcel ships today.");

    private RecordingChannelContext context;
    private ChannelInstance channel;

    @AfterEach
    void dispose() throws InterruptedException {
        if (channel != null) {
            channel.dispose();
            context.close();
        }
    }

    @Test
    void aReplyIsPostedWithExactlyTheDocumentedParameters() {
        TWILIO.stubFor(exactSend("Your parcel ships today.").willReturn(created("SM0000000000000000000000000000abcd")));

        assertEquals(SendResult.sent("SM0000000000000000000000000000abcd"), channel(NUMBER, null).send(REPLY));

        assertEquals(Map.of("To", CUSTOMER, "From", NUMBER, "Body", "Your parcel ships today.",
                "StatusCallback", STATUS_CALLBACK), sentForm());
    }

    @Test
    void aMessagingServiceSendsInsteadOfANumber() {
        TWILIO.stubFor(post(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo(basicAuth()))
                .withFormParam("To", equalTo(CUSTOMER))
                .withFormParam("MessagingServiceSid", equalTo(Fixtures.SERVICE_SID))
                .withFormParam("Body", equalTo("Your parcel ships today."))
                .withFormParam("StatusCallback", equalTo(STATUS_CALLBACK))
                .willReturn(created("SM0000000000000000000000000000beef")));

        assertEquals(SendResult.sent("SM0000000000000000000000000000beef"), channel(null, Fixtures.SERVICE_SID).send(REPLY));

        assertEquals(Map.of("To", CUSTOMER, "MessagingServiceSid", Fixtures.SERVICE_SID,
                "Body", "Your parcel ships today.", "StatusCallback", STATUS_CALLBACK), sentForm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"你好，您的包裹今天发货。", "طردك يُشحن اليوم", "Shipped 📦✅ 👍🏽", "é"})
    void textInAnyScriptIsSentIntact(String text) {
        TWILIO.stubFor(exactSend(text).willReturn(created("SM0000000000000000000000000000cafe")));

        assertEquals(SendResult.sent("SM0000000000000000000000000000cafe"), channel(NUMBER, null).send(reply(text)));

        assertEquals(text, sentForm().get("Body"));
    }

    @Test
    void aLongMessageIsSentWholeForTwilioToSegment() {
        String text = "Dear customer, ".repeat(100) + "thank you.";
        TWILIO.stubFor(exactSend(text).willReturn(created("SM0000000000000000000000000000f00d")));

        assertInstanceOf(SendResult.Sent.class, channel(NUMBER, null).send(reply(text)));

        assertEquals(text, sentForm().get("Body"));
    }

    @Test
    void aRateLimitIsRetriedAfterWhatTwilioAsked() {
        TWILIO.stubFor(exactSend("Your parcel ships today.").willReturn(error(429, 20429, "Too Many Requests")
                .withHeader("Retry-After", "30")));

        SendResult.Retry retry = assertInstanceOf(SendResult.Retry.class, channel(NUMBER, null).send(REPLY));

        assertEquals(Duration.ofSeconds(30), retry.after());
        assertTrue(retry.reason().startsWith("Twilio answered 429, Twilio error 20429"), retry.reason());
        assertEquals(1, TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size(), "the SDK must not retry by itself");
    }

    @Test
    void aServerErrorIsRetriedOnceByTheCoreNotThreeTimesByTheSdk() {
        TWILIO.stubFor(exactSend("Your parcel ships today.").willReturn(aResponse().withStatus(500)));

        SendResult.Retry retry = assertInstanceOf(SendResult.Retry.class, channel(NUMBER, null).send(REPLY));

        assertNull(retry.after());
        assertTrue(retry.reason().startsWith("Twilio answered 500"), retry.reason());
        assertEquals(1, TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size());
    }

    @Test
    void anOptedOutRecipientFailsForGood() {
        TWILIO.stubFor(exactSend("Your parcel ships today.").willReturn(
                error(400, 21610, "Attempt to send to unsubscribed recipient")));

        assertEquals(SendResult.failed("recipient has opted out (Twilio 21610); they must text START to receive messages again"),
                channel(NUMBER, null).send(REPLY));
        ConsentChange optOut = assertInstanceOf(ConsentChange.class, context.ingested().get(0));
        assertEquals(REPLY.to(), optOut.address());
        assertFalse(optOut.optedIn());
        assertEquals("twilio:21610", optOut.keyword());
    }

    @Test
    void anotherRefusalFailsWithTwiliosCodeAndMessage() {
        TWILIO.stubFor(exactSend("Your parcel ships today.").willReturn(
                error(400, 21211, "The 'To' number +14155550199 is not a valid phone number.")));

        assertEquals(SendResult.failed("Twilio answered 400, Twilio error 21211 (invalid 'To' phone number): "
                + "The 'To' number +14155550199 is not a valid phone number."), channel(NUMBER, null).send(REPLY));
    }

    @Test
    void rejectedCredentialsWaitForTheAdminAndShowInHealth() throws Exception {
        TWILIO.stubFor(exactSend("Your parcel ships today.").willReturn(error(401, 20003, "Authenticate")));

        SendResult.Retry retry = assertInstanceOf(SendResult.Retry.class, channel(NUMBER, null).send(REPLY));

        assertEquals(MessageSender.AFTER_REJECTED_CREDENTIALS, retry.after());
        Health last = context.healthReports().get(context.healthReports().size() - 1);
        assertEquals(Health.Status.OFFLINE, last.status());
        assertEquals(Health.Reason.CONFIGURATION_ERROR, last.reason());
        assertTrue(last.message().contains("accountSid or authToken"), last.message());
    }

    @Test
    void aRefusedConnectionIsRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        context = new RecordingChannelContext("support", Fixtures.configuration("http://127.0.0.1:" + closedPort));
        channel = new SmsTwilioChannelType().create(context);

        SendResult.Retry retry = assertInstanceOf(SendResult.Retry.class, channel.send(REPLY));

        assertTrue(retry.reason().startsWith("could not reach Twilio"), retry.reason());
    }

    @Test
    void onlyPhoneNumbersCanBeTexted() {
        OutboundMessage toVisitor = new OutboundMessage("out-2", 1L, null, new Address(IdentityKind.CHAT_VISITOR, "v-1"),
                null, "Hi", List.of(), 1);

        assertEquals(SendResult.failed("this channel sends SMS to phone numbers only, not to CHAT_VISITOR addresses"),
                channel(NUMBER, null).send(toVisitor));
        assertTrue(TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES))).isEmpty());
    }

    @Test
    void aDisposedInstanceAsksForALaterTry() {
        ChannelInstance disposed = channel(NUMBER, null);
        disposed.dispose();

        assertInstanceOf(SendResult.Retry.class, disposed.send(REPLY));
        assertTrue(TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES))).isEmpty());
    }

    private static OutboundMessage reply(String text) {
        return new OutboundMessage("out-1", 42L, null, Address.phone(CUSTOMER), "Grace Agent", text, List.of(), 1);
    }

    /** Matches only the send as documented; anything else gets WireMock's 404, which fails the send. */
    private static MappingBuilder exactSend(String body) {
        return post(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo(basicAuth()))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withFormParam("To", equalTo(CUSTOMER))
                .withFormParam("From", equalTo(NUMBER))
                .withFormParam("Body", equalTo(body))
                .withFormParam("StatusCallback", equalTo(STATUS_CALLBACK));
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.US_ASCII));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + sid + "\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"status\": \"queued\","
                        + " \"to\": \"" + CUSTOMER + "\", \"from\": \"" + NUMBER + "\", \"num_segments\": \"1\"}");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\": "
                        + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}");
    }

    /** Every form parameter of the one send request, decoded: nothing more than expected may be sent. */
    private static Map<String, String> sentForm() {
        List<LoggedRequest> requests = TWILIO.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
        assertEquals(1, requests.size());
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : requests.get(0).getBodyAsString().split("&")) {
            String[] parts = pair.split("=", 2);
            String previous = form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
            assertNull(previous, "parameter sent twice: " + parts[0]);
        }
        return form;
    }

    private ChannelInstance channel(String phoneNumber, String serviceSid) {
        Map<String, Object> configuration = Fixtures.configuration(TWILIO.baseUrl());
        configuration.remove("phoneNumber");
        if (phoneNumber != null) {
            configuration.put("phoneNumber", phoneNumber);
        }
        if (serviceSid != null) {
            configuration.put("messagingServiceSid", serviceSid);
        }
        context = new RecordingChannelContext("support", configuration);
        channel = new SmsTwilioChannelType().create(context);
        return channel;
    }
}
