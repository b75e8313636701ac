package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.connector.twilio.MalformedRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reports of a call this instance placed ({@link CallPlacer}), as updates of the call Twilio
 * created for it (the agent's leg, whose CallSid the core recorded): the customer's leg answered or
 * not, and the call's end.
 */
final class OutboundCallEvents {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,7}");

    private OutboundCallEvents() {
    }

    /** The Dial's action: whether the customer answered, and how long they talked. */
    static CallUpdate dialed(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String callSid = required(form, "CallSid");
        String status = form.getOrDefault("DialCallStatus", "");
        boolean answered = status.equals("completed") || status.equals("answered");
        Duration talk = null;
        String duration = form.get("DialCallDuration");
        if (answered && duration != null && SECONDS.matcher(duration).matches()) {
            talk = Duration.ofSeconds(Long.parseLong(duration));
        }
        return new CallUpdate("outbound-dialed:" + callSid, now, customer(query), callSid, Direction.OUTBOUND,
                answered ? CallOutcome.ANSWERED : CallOutcome.MISSED, List.of(), null, null, null, talk,
                agent(query), now, null, null);
    }

    /**
     * The call's status callback. A call the agent never answered ends here as missed; an answered one
     * was reported by the Dial's action, and only its end is added.
     */
    static CallUpdate status(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String callSid = required(form, "CallSid");
        String status = required(form, "CallStatus");
        CallOutcome outcome = switch (status) {
            case "busy", "no-answer", "failed", "canceled" -> CallOutcome.MISSED;
            default -> null;
        };
        return new CallUpdate("outbound-status:" + callSid + ":" + status, now, customer(query), callSid,
                Direction.OUTBOUND, outcome, List.of(), null, null, null, null, agent(query), now, null, null);
    }

    static Contact customer(Map<String, String> query) throws MalformedRequestException {
        String to = query.get(CallPlacer.TO_PARAMETER);
        if (to == null || !E164.matcher(to).matches()) {
            throw new MalformedRequestException("the callback URL names no customer number in E.164 ("
                    + CallPlacer.TO_PARAMETER + ")");
        }
        return new Contact(Address.phone(to), List.of(), null);
    }

    static String agent(Map<String, String> query) throws MalformedRequestException {
        String agent = query.get(CallPlacer.AGENT_PARAMETER);
        if (agent == null || agent.isBlank()) {
            throw new MalformedRequestException("the callback URL names no agent (" + CallPlacer.AGENT_PARAMETER + ")");
        }
        return agent;
    }

    private static String required(Map<String, String> form, String name) throws MalformedRequestException {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedRequestException("missing " + name);
        }
        return value;
    }
}
