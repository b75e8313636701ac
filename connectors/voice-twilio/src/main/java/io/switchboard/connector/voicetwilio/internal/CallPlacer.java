package io.switchboard.connector.voicetwilio.internal;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.type.Client;
import com.twilio.type.Endpoint;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.SendResult;
import io.switchboard.connector.twilio.TwilioExchange;
import io.switchboard.connector.twilio.TwilioTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Places click-to-call and callback calls through the Calls API: Twilio rings the agent (From the
 * instance's number), and the TwiML it runs once they answer dials the customer. The customer, the
 * agent and the core's call id travel in the callback URLs, which Twilio signs, so the answers to
 * them need no state.
 *
 * <p>The Calls API takes no idempotency key, and the core offers each call once; so nothing here
 * retries, and an answer Twilio sent but nobody could read is thrown (the core then shows the call as
 * unknown) rather than reported as a failure that an agent would retry.
 */
final class CallPlacer {
    static final String TO_PARAMETER = "to";
    static final String AGENT_PARAMETER = "agent";
    static final String OUTBOUND_PARAMETER = "outbound";

    private final TwilioTransport transport;
    private final VoiceSettings settings;
    private final String hookBase;

    CallPlacer(TwilioTransport transport, VoiceSettings settings, String hookBase) {
        this.transport = transport;
        this.settings = settings;
        this.hookBase = hookBase;
    }

    SendResult place(OutboundCall call) {
        String query = "?" + TO_PARAMETER + "=" + encode(call.to().value()) + "&" + AGENT_PARAMETER + "="
                + encode(call.agent().name()) + "&" + OUTBOUND_PARAMETER + "=" + encode(call.id());
        Endpoint agent = call.agent().phoneNumber() != null ? new PhoneNumber(call.agent().phoneNumber())
                : new Client(Client.PREFIX + call.agent().clientIdentity());
        CallCreator creator = Call.creator(agent, new PhoneNumber(settings.phoneNumber()),
                new Twiml(bridge(call.to().value(), query)));
        creator.setStatusCallback(URI.create(hookBase + VoiceTwilioChannel.OUTBOUND_STATUS_PATH + query));
        creator.setStatusCallbackMethod(HttpMethod.POST);
        TwilioExchange exchange = new TwilioExchange(transport, settings);
        try {
            Call placed = creator.create(exchange.client());
            return SendResult.sent(placed.getSid());
        } catch (ApiException e) {
            if (exchange.status() < 0) {
                if (neverSent(e)) {
                    return SendResult.failed("could not reach Twilio: " + e.getMessage());
                }
                // A connection lost or timed out after the request went out: Twilio may have placed the call.
                throw new IllegalStateException("no answer from Twilio, which may have placed the call", e);
            }
            if (exchange.status() >= 200 && exchange.status() < 300) {
                throw new IllegalStateException("Twilio took the call but its answer could not be read", e);
            }
            String message = e.getStatusCode() == null || e.getMessage() == null || e.getMessage().isBlank()
                    ? "" : ": " + e.getMessage();
            return SendResult.failed("Twilio answered " + exchange.status()
                    + (e.getCode() == null ? "" : ", error " + e.getCode()) + message);
        } catch (RuntimeException e) {
            if (exchange.status() >= 200 && exchange.status() < 300) {
                throw new IllegalStateException("Twilio took the call but its answer could not be read", e);
            }
            return SendResult.failed("the Twilio SDK failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Failures of the connection itself, before any of the request was sent. */
    private static boolean neverSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What Twilio runs once the agent answers: dial the customer from the instance's number. When calls
     * are recorded, the customer hears the announcement once they pick up, before the agent is put
     * through, and the bridged call is recorded; the agent's leg is the recording's call.
     */
    String bridge(String customer, String query) {
        Number.Builder number = new Number.Builder(customer);
        Dial.Builder dial = new Dial.Builder()
                .callerId(settings.phoneNumber())
                .action(URI.create(hookBase + VoiceTwilioChannel.OUTBOUND_DIALED_PATH + query))
                .method(HttpMethod.POST);
        if (settings.recordCalls()) {
            number.url(hookBase + VoiceTwilioChannel.ANNOUNCE_PATH).method(HttpMethod.POST);
            VoiceAnswers.record(dial, hookBase + VoiceTwilioChannel.CALL_RECORDING_PATH + query);
        }
        dial.number(number.build());
        try {
            return new VoiceResponse.Builder().dial(dial.build()).build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("could not write TwiML", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
