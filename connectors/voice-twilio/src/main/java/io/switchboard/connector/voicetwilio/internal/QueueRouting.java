package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.WebhookResponse;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.MalformedRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * From the queue to an agent. The wait URL makes a caller leave the queue once an agent is free (or
 * the maximum wait is over); the Enqueue's action then rings the agent idle the longest with
 * {@code <Dial>}, the Dial's action the next one when nobody answered, and a caller nobody took goes
 * back into the queue. An agent rung is on the call, and offered no other, until the Dial's action
 * reports their leg over. After the maximum wait the caller chooses a voicemail or a callback. Like every
 * answer here, it keeps no state: who was tried travels in the signed callback URLs.
 */
final class QueueRouting {
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");
    private static final int MAX_TRIED = 20;
    /** How long a caller nobody answered waits in the queue before agents are rung again. */
    static final Duration RING_AGAIN_AFTER = Duration.ofSeconds(30);

    private final ChannelContext context;
    private final VoiceSettings settings;
    private final VoiceAnswers answers;

    QueueRouting(ChannelContext context, VoiceSettings settings, VoiceAnswers answers) {
        this.context = context;
        this.settings = settings;
        this.answers = answers;
    }

    /** The wait URL: leave once an agent is free or the wait is over, else where the caller stands and hold music. */
    String waiting(Map<String, String> form, Map<String, String> query, Instant now) {
        int waited = count(form.get("QueueTime"));
        Instant ringAgain = CallEvents.epochSeconds(query.get(VoiceAnswers.RING_AGAIN_PARAMETER));
        boolean mayRing = ringAgain == null || !now.isBefore(ringAgain);
        if (waitIsOver(waited) || mayRing && !context.availableAgents().isEmpty()) {
            return answers.leaveQueue();
        }
        return answers.hold(count(form.get("QueuePosition")), count(form.get("AvgQueueTime")));
    }

    /** The Enqueue's action after {@code <Leave/>}: ring an agent, offer the choice, or queue again. */
    String left(Map<String, String> form, Map<String, String> query, Instant now) {
        String queue = query.get(CallEvents.QUEUE_PARAMETER);
        IvrPath path = IvrPath.decode(query.get("path"));
        String queued = query.get(CallEvents.QUEUED_PARAMETER);
        Optional<AgentContact> agent = next(List.of());
        if (agent.isPresent()) {
            return ring(agent.get(), form.get("From"), queue, path, queued, List.of());
        }
        int waited = count(form.get("QueueTime"));
        if (waitIsOver(waited)) {
            return hasNumber(form) ? answers.offer(queue, path, String.valueOf(waited))
                    : answers.voicemail(null, form.get("From"), path);
        }
        // The agent who was free took another call meanwhile.
        return answers.enqueue(queue, path, now);
    }

    /** The Dial's action: the agent answered (and the call is over), or the next agent, or back to the queue. */
    InboundResult dialed(Map<String, String> form, Map<String, String> query, Instant now) throws MalformedRequestException {
        String callSid = required(form, "CallSid");
        String agent = required(query, VoiceAnswers.AGENT_PARAMETER);
        // Answered and over, or not answered: either way the agent is free for the next caller.
        context.agentReleased(agent);
        String queue = query.get(CallEvents.QUEUE_PARAMETER);
        IvrPath path = IvrPath.decode(query.get("path"));
        String status = form.getOrDefault("DialCallStatus", "");
        if (status.equals("completed") || status.equals("answered")) {
            String duration = form.get("DialCallDuration");
            Duration talked = duration != null && SECONDS.matcher(duration).matches()
                    ? Duration.ofSeconds(Long.parseLong(duration)) : null;
            CallUpdate answered = new CallUpdate(callSid + ":dialed:" + agent + ":" + status, now, caller(form), callSid,
                    Direction.INBOUND, CallOutcome.ANSWERED, List.of(), queue, null, null, talked, agent, now, null,
                    null);
            return twiml(List.of(answered), answers.hangUp());
        }
        List<String> tried = new ArrayList<>(Arrays.stream(query.getOrDefault(VoiceAnswers.TRIED_PARAMETER, "")
                .split(",")).filter(name -> !name.isBlank()).toList());
        if (!tried.contains(agent)) {
            tried.add(agent);
        }
        Optional<AgentContact> next = tried.size() >= MAX_TRIED ? Optional.empty() : next(tried);
        if (next.isPresent()) {
            return twiml(List.of(), ring(next.get(), form.get("From"), queue, path, query.get(CallEvents.QUEUED_PARAMETER), tried));
        }
        return twiml(List.of(), answers.enqueue(queue, path, now, now.plus(RING_AGAIN_AFTER)));
    }

    /** The offer after the maximum wait: 2 is a callback in the caller's place, anything else a voicemail. */
    InboundResult offered(Map<String, String> form, Map<String, String> query, Instant now)
            throws MalformedRequestException {
        String callSid = required(form, "CallSid");
        String queue = query.get(CallEvents.QUEUE_PARAMETER);
        IvrPath path = IvrPath.decode(query.get("path"));
        if ("2".equals(form.get("Digits")) && hasNumber(form)) {
            String waited = query.get(VoiceAnswers.WAITED_PARAMETER);
            Duration wait = waited != null && SECONDS.matcher(waited).matches()
                    ? Duration.ofSeconds(Long.parseLong(waited)) : null;
            CallUpdate callback = new CallUpdate(callSid + ":callback", now, caller(form), callSid, Direction.INBOUND,
                    CallOutcome.CALLBACK, List.of(), queue, null, wait, null, null, null, null, null);
            return twiml(List.of(callback), answers.callbackTaken());
        }
        return twiml(List.of(), answers.voicemail(null, form.get("From"), path));
    }

    private String ring(AgentContact agent, String from, String queue, IvrPath path, String queued, List<String> tried) {
        context.agentOffered(agent.name());
        List<String> now = new ArrayList<>(tried);
        now.add(agent.name());
        return answers.dialAgent(agent, from, queue, path, queued, now);
    }

    private Optional<AgentContact> next(List<String> tried) {
        return context.availableAgents().stream().filter(a -> !tried.contains(a.name())).findFirst();
    }

    private boolean waitIsOver(int waited) {
        return settings.maxQueueWait() > 0 && waited >= settings.maxQueueWait();
    }

    private static boolean hasNumber(Map<String, String> form) {
        try {
            return caller(form).replyAddress().kind() == IdentityKind.PHONE;
        } catch (MalformedRequestException e) {
            return false;
        }
    }

    private static Contact caller(Map<String, String> form) throws MalformedRequestException {
        return VoicemailEvents.caller(form, Map.of());
    }

    private static int count(String text) {
        return text != null && SECONDS.matcher(text.strip()).matches() ? Integer.parseInt(text.strip()) : 0;
    }

    private static String required(Map<String, String> values, String name) throws MalformedRequestException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedRequestException("missing " + name);
        }
        return value;
    }

    private static InboundResult twiml(List<ChannelEvent> events, String twiml) {
        return InboundResult.accept(events, WebhookResponse.ok(VoiceTwilioChannel.TWIML_CONTENT_TYPE, twiml));
    }
}
