package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALLER;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.CALL_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOOKS;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPostTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.testkit.RecordingChannelContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A waiting caller reaches an agent, as Twilio drives it: the wait URL, {@code <Leave/>}, the
 * Enqueue's action, {@code <Dial>} and its action; and after the maximum wait, the voicemail or callback.
 */
class QueueRoutingTest {
    private static final String QUEUE_SID = "QU0123456789abcdef0123456789abcdef";
    private static final String WAIT = "/voice/wait?queue=billing&path=main%3A1%2Cbilling%3A1";
    private static final String QUEUED = "/voice/queued?queue=billing&path=main%3A1%2Cbilling%3A1&queued=1795964400";
    private static final AgentContact ALICE = new AgentContact("alice", "+14155550101", null);
    private static final AgentContact BOB = new AgentContact("bob", null, "bob.desk");

    private Agents context;
    private ChannelInstance channel;

    @AfterEach
    void close() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void whileNobodyIsFreeTheCallerHearsWhereTheyStand() {
        open(300);
        String hold = Twiml.answer(channel.receive(signedPost(WAIT, waitForm("2", "40", "90"))));
        assertEquals("Say language=en-US voice=Polly.Joanna: You are number 2 in line. The estimated wait is about"
                + " 2 minutes.\nPlay: " + Fixtures.HOLD_MUSIC, Twiml.describe(hold));
    }

    @Test
    void aFreeAgentIsRungAndAnswers() {
        open(300);
        context.available.add(ALICE);
        assertEquals("Leave", Twiml.describe(Twiml.answer(channel.receive(signedPost(WAIT, waitForm("1", "40", "60"))))));

        String dial = Twiml.answer(channel.receive(signedPost(QUEUED, left("40"))));
        assertEquals("Dial action=" + HOOKS + "/voice/dialed?queue=billing&path=main%3A1%2Cbilling%3A1&queued=1795964400"
                + "&agent=alice&tried=alice method=POST timeout=20\n  Number: +14155550101", Twiml.describe(dial));
        assertEquals(List.of("alice"), context.offered);
        assertEquals(List.of(), context.released, "on the call until the Dial's action");

        InboundResult.Accepted answered = assertInstanceOf(InboundResult.Accepted.class, channel.receive(signedPostTo(
                Twiml.attribute(dial, "Dial", "action"), call("DialCallSid", "CA1111", "DialCallStatus", "completed",
                        "DialCallDuration", "185"))));
        CallUpdate update = assertInstanceOf(CallUpdate.class, answered.events().get(0));
        assertEquals(CALL_SID, update.callId());
        assertEquals(Direction.INBOUND, update.direction());
        assertEquals(Address.phone(CALLER), update.caller().replyAddress());
        assertEquals(CallOutcome.ANSWERED, update.outcome());
        assertEquals("alice", update.agent());
        assertEquals("billing", update.queue());
        assertEquals(Duration.ofSeconds(185), update.talkTime());
        assertEquals("Hangup", Twiml.describe(Twiml.answer(answered)));
        assertEquals(List.of("alice"), context.released);
    }

    @Test
    void anAgentWhoDoesNotAnswerPassesTheCallerToTheNextOrBackToTheQueue() {
        open(300);
        context.available.addAll(List.of(ALICE, BOB));
        String first = Twiml.answer(channel.receive(signedPost(QUEUED, left("40"))));

        String second = Twiml.answer(channel.receive(signedPostTo(Twiml.attribute(first, "Dial", "action"),
                call("DialCallStatus", "no-answer"))));
        assertEquals("Dial action=" + HOOKS + "/voice/dialed?queue=billing&path=main%3A1%2Cbilling%3A1&queued=1795964400"
                + "&agent=bob&tried=alice%2Cbob method=POST timeout=20\n  Client: bob.desk", Twiml.describe(second));

        InboundResult.Accepted back = assertInstanceOf(InboundResult.Accepted.class, channel.receive(signedPostTo(
                Twiml.attribute(second, "Dial", "action"), call("DialCallStatus", "busy"))));
        assertTrue(back.events().isEmpty());
        assertTrue(Twiml.describe(Twiml.answer(back)).startsWith("Enqueue action=" + HOOKS + "/voice/queued?queue=billing"),
                Twiml.answer(back));
        assertEquals(List.of("alice", "bob"), context.offered);
        assertEquals(List.of("alice", "bob"), context.released, "whoever did not answer is free again");

        // Back in the queue, nobody is rung for a while, though the agents still say they are available.
        String waitUrl = Twiml.attribute(Twiml.answer(back), "Enqueue", "waitUrl");
        long ringAgain = CallFlowTest.OPEN.plus(QueueRoutingTest.RING_AGAIN).getEpochSecond();
        assertEquals(HOOKS + WAIT + "&ringAgain=" + ringAgain, waitUrl);
        assertTrue(Twiml.describe(Twiml.answer(channel.receive(signedPostTo(waitUrl, waitForm("1", "10", "60")))))
                .endsWith("Play: " + Fixtures.HOLD_MUSIC));
        reopenAt(CallFlowTest.OPEN.plus(QueueRoutingTest.RING_AGAIN));
        assertEquals("Leave", Twiml.describe(Twiml.answer(channel.receive(signedPostTo(waitUrl, waitForm("1", "40", "60"))))));
    }

    @Test
    void anAgentTakenMeanwhileSendsTheCallerBackToTheQueue() {
        open(300);
        String back = Twiml.answer(channel.receive(signedPost(QUEUED, left("40"))));
        assertTrue(Twiml.describe(back).startsWith("Enqueue "), back);
    }

    @Test
    void afterTheMaximumWaitTheCallerChoosesACallbackAndKeepsTheirPlace() {
        open(300);
        assertEquals("Leave", Twiml.describe(Twiml.answer(channel.receive(signedPost(WAIT, waitForm("3", "300", "240"))))));
        String offer = Twiml.answer(channel.receive(signedPost(QUEUED, left("300"))));
        assertEquals("Gather action=" + HOOKS + "/voice/offer?queue=billing&path=main%3A1%2Cbilling%3A1&waited=300"
                + " input=dtmf method=POST numDigits=1 timeout=8\n  Say language=en-US voice=Polly.Joanna: Sorry to keep"
                + " you waiting. To leave a message, press 1. To be called back when it is your turn, press 2.\n"
                + "Redirect method=POST: " + HOOKS + "/voice/offer?queue=billing&path=main%3A1%2Cbilling%3A1&waited=300",
                Twiml.describe(offer));

        InboundResult.Accepted callback = assertInstanceOf(InboundResult.Accepted.class, channel.receive(signedPostTo(
                Twiml.attribute(offer, "Gather", "action"), call("Digits", "2"))));
        CallUpdate update = assertInstanceOf(CallUpdate.class, callback.events().get(0));
        assertEquals(CallOutcome.CALLBACK, update.outcome());
        assertEquals("billing", update.queue());
        assertEquals(Duration.ofSeconds(300), update.waitTime());
        assertTrue(Twiml.describe(Twiml.answer(callback)).endsWith("\nHangup"), Twiml.answer(callback));

        InboundResult.Accepted voicemail = assertInstanceOf(InboundResult.Accepted.class, channel.receive(signedPostTo(
                Twiml.attribute(offer, "Gather", "action"), call("Digits", "1"))));
        assertTrue(voicemail.events().isEmpty());
        assertTrue(Twiml.describe(Twiml.answer(voicemail)).contains("Record "), Twiml.answer(voicemail));
    }

    @Test
    void aWithheldNumberIsOfferedNoCallback() {
        open(300);
        Map<String, String> form = left("300");
        form.put("From", "+266696687");
        form.put("Caller", "+266696687");
        assertTrue(Twiml.describe(Twiml.answer(channel.receive(signedPost(QUEUED, form)))).contains("Record "));
    }

    @Test
    void withoutAMaximumCallersWaitForAnAgent() {
        open(0);
        String hold = Twiml.answer(channel.receive(signedPost(WAIT, waitForm("1", "5000", "60"))));
        assertTrue(Twiml.describe(hold).endsWith("Play: " + Fixtures.HOLD_MUSIC), hold);
    }

    private static final Duration RING_AGAIN = QueueRouting.RING_AGAIN_AFTER;

    private void open(int maxQueueWait) {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("maxQueueWait", maxQueueWait);
        context = new Agents(new RecordingChannelContext(Fixtures.INSTANCE, configuration));
        channel = new VoiceTwilioChannelType(Clock.fixed(CallFlowTest.OPEN, ZoneOffset.UTC)).create(context);
    }

    /** The same instance's configuration and agents, answering at {@code now}. */
    private void reopenAt(Instant now) {
        channel.dispose();
        channel = new VoiceTwilioChannelType(Clock.fixed(now, ZoneOffset.UTC)).create(context);
    }

    private static Map<String, String> waitForm(String position, String waited, String average) {
        return call("QueueSid", QUEUE_SID, "QueuePosition", position, "QueueTime", waited, "AvgQueueTime", average,
                "CurrentQueueSize", "3", "CallStatus", "queued");
    }

    private static Map<String, String> left(String waited) {
        return call("QueueSid", QUEUE_SID, "QueueResult", "leave", "QueueTime", waited);
    }

    /** The test kit's context, with agents the test makes available and the offers the channel made. */
    static final class Agents implements ChannelContext, AutoCloseable {
        final List<AgentContact> available = new ArrayList<>();
        final List<String> offered = new CopyOnWriteArrayList<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        private final RecordingChannelContext delegate;

        Agents(RecordingChannelContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<AgentContact> availableAgents() {
            return List.copyOf(available);
        }

        @Override
        public void agentOffered(String agentName) {
            offered.add(agentName);
        }

        @Override
        public void agentReleased(String agentName) {
            released.add(agentName);
        }

        @Override
        public String instanceId() {
            return delegate.instanceId();
        }

        @Override
        public Map<String, Object> configuration() {
            return delegate.configuration();
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return delegate.scheduler();
        }

        @Override
        public void reportHealth(Health health) {
            delegate.reportHealth(health);
        }

        @Override
        public void ingest(List<ChannelEvent> events) {
            delegate.ingest(events);
        }

        @Override
        public long mediaSizeLimit() {
            return delegate.mediaSizeLimit();
        }

        @Override
        public void close() throws InterruptedException {
            delegate.close();
        }
    }
}
