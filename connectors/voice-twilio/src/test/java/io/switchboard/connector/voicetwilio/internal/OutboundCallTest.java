package io.switchboard.connector.voicetwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOOKS;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.testkit.RecordingChannelContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Click-to-call and callbacks: the Calls API request, checked parameter by parameter, and the reports
 * of the placed call as Twilio sends them.
 */
class OutboundCallTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";
    private static final String CUSTOMER = "+14155550177";
    private static final String PLACED_SID = "CAfedcba9876543210fedcba9876543210";
    private static final String QUERY = "?to=%2B14155550177&agent=alice&outbound=call-1";

    private RecordingChannelContext context;
    private ChannelInstance channel;

    @BeforeEach
    void start() {
        context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration(TWILIO.baseUrl()), 1_000_000);
        channel = new VoiceTwilioChannelType().create(context);
    }

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void theTypeSaysItPlacesCalls() {
        assertTrue(new VoiceTwilioChannelType().capabilities().contains(Capability.OUTBOUND_CALLS));
    }

    @Test
    void theAgentsPhoneRingsFirstAndThenTheCustomerIsDialled() {
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(created()));

        SendResult result = channel.startCall(call(new AgentContact("alice", "+14155550101", null)));

        assertEquals(SendResult.sent(PLACED_SID), result);
        assertEquals(Map.of(
                "To", "+14155550101",
                "From", NUMBER,
                "Twiml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial action=\"" + HOOKS
                        + "/voice/outbound/dialed?to=%2B14155550177&amp;agent=alice&amp;outbound=call-1\" callerId=\""
                        + NUMBER + "\" method=\"POST\"><Number>" + CUSTOMER + "</Number></Dial></Response>",
                "StatusCallback", HOOKS + "/voice/outbound/status" + QUERY,
                "StatusCallbackMethod", "POST"), onlyForm());
    }

    @Test
    void aSoftphoneIsRungAsATwilioClient() {
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(created()));
        assertEquals(SendResult.sent(PLACED_SID), channel.startCall(call(new AgentContact("alice", null, "alice.desk"))));
        assertEquals("client:alice.desk", onlyForm().get("To"));
    }

    @Test
    void aRefusedCallFailsWithTwiliosReasonAndIsNotTriedAgain() {
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21217, \"message\": \"Phone number does not appear to be valid\","
                        + " \"more_info\": \"https://www.twilio.com/docs/errors/21217\", \"status\": 400}")));
        SendResult result = channel.startCall(call(new AgentContact("alice", "+14155550101", null)));
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, result);
        assertTrue(failed.reason().startsWith("Twilio answered 400, error 21217"), failed.reason());
        assertEquals(1, TWILIO.findAll(postRequestedFor(urlEqualTo(CALLS))).size());
    }

    @Test
    void aLostAnswerIsNotReportedAsAFailure() {
        // Twilio took the call, but what it answered cannot be read: only "unknown" is true.
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{not json")));
        assertThrows(IllegalStateException.class,
                () -> channel.startCall(call(new AgentContact("alice", "+14155550101", null))));

        TWILIO.resetAll();
        TWILIO.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThrows(IllegalStateException.class,
                () -> channel.startCall(call(new AgentContact("alice", "+14155550101", null))));
        assertEquals(1, TWILIO.findAll(postRequestedFor(urlEqualTo(CALLS))).size(), "never retried");
    }

    @Test
    void anUnreachableTwilioIsAFailure() throws InterruptedException {
        channel.dispose();
        context.close();
        // Nothing listens there: the request never left.
        context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration(null), 1_000_000);
        channel = new VoiceTwilioChannelType().create(context);
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class,
                channel.startCall(call(new AgentContact("alice", "+14155550101", null))));
        assertTrue(failed.reason().startsWith("could not reach Twilio"), failed.reason());
    }

    @Test
    void theCustomerAnsweringIsReportedOnTheAgentsCall() {
        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, channel.receive(
                Fixtures.signedPost("/voice/outbound/dialed" + QUERY, Fixtures.form("AccountSid", ACCOUNT_SID,
                        "CallSid", PLACED_SID, "DialCallSid", "CA11111111111111111111111111111111",
                        "DialCallStatus", "completed", "DialCallDuration", "42"))));
        CallUpdate update = assertInstanceOf(CallUpdate.class, accepted.events().get(0));
        assertEquals(PLACED_SID, update.callId());
        assertEquals(Direction.OUTBOUND, update.direction());
        assertEquals(Address.phone(CUSTOMER), update.caller().replyAddress());
        assertEquals(CallOutcome.ANSWERED, update.outcome());
        assertEquals(Duration.ofSeconds(42), update.talkTime());
        assertEquals("alice", update.agent());
        assertTrue(new String(accepted.response().body(), StandardCharsets.UTF_8).contains("<Hangup/>"));

        accepted = assertInstanceOf(InboundResult.Accepted.class, channel.receive(
                Fixtures.signedPost("/voice/outbound/dialed" + QUERY, Fixtures.form("AccountSid", ACCOUNT_SID,
                        "CallSid", PLACED_SID, "DialCallStatus", "no-answer", "DialCallDuration", "0"))));
        update = assertInstanceOf(CallUpdate.class, accepted.events().get(0));
        assertEquals(CallOutcome.MISSED, update.outcome());
        assertNull(update.talkTime());
    }

    @Test
    void anAgentWhoDoesNotAnswerMakesTheCallMissed() {
        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class, channel.receive(
                Fixtures.signedPost("/voice/outbound/status" + QUERY, Fixtures.form("AccountSid", ACCOUNT_SID,
                        "CallSid", PLACED_SID, "CallStatus", "no-answer", "Direction", "outbound-api"))));
        CallUpdate update = assertInstanceOf(CallUpdate.class, accepted.events().get(0));
        assertEquals(CallOutcome.MISSED, update.outcome());
        assertEquals("outbound-status:" + PLACED_SID + ":no-answer", update.eventId());

        accepted = assertInstanceOf(InboundResult.Accepted.class, channel.receive(
                Fixtures.signedPost("/voice/outbound/status" + QUERY, Fixtures.form("AccountSid", ACCOUNT_SID,
                        "CallSid", PLACED_SID, "CallStatus", "completed", "Direction", "outbound-api"))));
        update = assertInstanceOf(CallUpdate.class, accepted.events().get(0));
        assertNull(update.outcome(), "the Dial's action told whether the customer answered");
    }

    @Test
    void forgedOrIncompleteReportsAreRefused() {
        InboundResult forged = channel.receive(Fixtures.post("/voice/outbound/status" + QUERY,
                Fixtures.form("CallSid", PLACED_SID, "CallStatus", "completed"), "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(InboundResult.Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class, forged).reason());
        InboundResult noCustomer = channel.receive(Fixtures.signedPost("/voice/outbound/status?agent=alice",
                Fixtures.form("CallSid", PLACED_SID, "CallStatus", "completed")));
        assertEquals(InboundResult.Reason.MALFORMED, assertInstanceOf(InboundResult.Rejected.class, noCustomer).reason());
    }

    private static OutboundCall call(AgentContact agent) {
        return new OutboundCall("call-1", 42, Address.phone(CUSTOMER), agent, OutboundCall.Purpose.CLICK_TO_CALL);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + PLACED_SID + "\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"to\": \"+14155550101\","
                        + " \"from\": \"" + NUMBER + "\", \"status\": \"queued\", \"direction\": \"outbound-api\"}");
    }

    /** The one Calls API request's form, every parameter of it. */
    private static Map<String, String> onlyForm() {
        List<LoggedRequest> requests = TWILIO.findAll(postRequestedFor(urlEqualTo(CALLS)));
        assertEquals(1, requests.size());
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : requests.get(0).getBodyAsString().split("&")) {
            int equals = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
