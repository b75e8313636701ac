package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.switchboard.it.TwilioRequests.decodeForm;
import static io.switchboard.it.TwilioRequests.newSid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Whole calls through the voice connector on the assembled runtime, driven as Twilio drives them: every
 * request signed over the public URL ({@link #PUBLIC_BASE}, a proxy in front of Switchboard), each next
 * request the one the previous TwiML names, and WireMock as Twilio's REST API, every request to which is
 * checked. Each test has its own instance, Twilio account, number and agents, so that its calls, tickets,
 * figures and Twilio traffic are its own, whatever ran before.
 */
class VoiceCallFlowIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String JAR = "voice-twilio.jar";
    private static final String AUTH_TOKEN = "5b7e2c9d1a3f4e6b8c0d2e4f6a8b0c1d";
    private static final String PUBLIC_BASE = "https://voice.example.com";
    private static final String HOLD_MUSIC = "https://cdn.example.com/hold.mp3";
    private static final int MAX_QUEUE_WAIT = 60;
    private static final String VOICE = "Polly.Joanna";
    private static final String LANGUAGE = "en-US";
    private static final String GREETING = "Thank you for calling Example support.";
    private static final String MENU = "For support, press 1. To leave a message, press 2.";
    private static final String LEAVE_A_MESSAGE = "Please leave your message after the tone.";
    private static final String CLOSED = "We are closed today. Please leave a message after the tone.";
    private static final String IVR = """
            {"voice": "%s", "language": "%s", "greeting": "%s", "closed": "%s",
             "nodes": {"main": {"prompt": "%s",
               "options": [{"digit": "1", "queue": "support"}, {"digit": "2", "voicemail": "%s"}],
               "default": {"voicemail": true}}}}
            """.formatted(VOICE, LANGUAGE, GREETING, CLOSED, MENU, LEAVE_A_MESSAGE);

    private static SwitchboardProcess switchboard;
    private static WireMockServer twilio;
    private static Api api;

    /** Agents the running test made; they are made unavailable after it, so that no other test's queue rings them. */
    private final List<Agent> agents = new ArrayList<>();

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
        switchboard = SwitchboardProcess.start();
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
        switchboard.deploy(SwitchboardProcess.connector("switchboard-connector-voice-twilio"), JAR);
        api.await("/api/v1/channel-types", types -> types.toString().contains("\"voice-twilio\""), SOON);
    }

    @AfterAll
    static void stop() {
        if (switchboard != null) {
            switchboard.close();
        }
        twilio.stop();
    }

    @AfterEach
    void everyTwilioCallMatchedAndNoAgentLeftAvailable() {
        try {
            for (Agent agent : agents) {
                HttpResponse<String> off = asAgent(agent, "PUT", "/api/v1/agents/me/availability", Map.of("available", false));
                assertEquals(200, off.statusCode(), off.body());
            }
            assertEquals(List.of(), twilio.findUnmatchedRequests().getRequests().stream()
                    .map(request -> request.getMethod() + " " + request.getUrl() + " " + request.getBodyAsString()).toList());
        } finally {
            twilio.resetRequests();
        }
    }

    @Test
    void aCallerWaitsInTheQueueHearsTheirPlaceAndIsPutThroughToTheAgentWhoBecameAvailable() {
        Line line = newLine("flow-answered", "+14155550131", Map.of());
        String caller = "+14155550231";
        String callSid = newSid("CA");
        String queueSid = newSid("QU");
        assertNoAgentAvailable();

        String voice = line.url("/voice");
        Element welcome = twiml(voice, call(line, callSid, caller, "ringing"));
        assertEquals(List.of("Say", "Gather", "Redirect"), verbs(welcome));
        assertSay(GREETING, only(welcome, "Say"));
        Element gather = only(welcome, "Gather");
        assertEquals(List.of("Say"), verbs(gather));
        assertSay(MENU, only(gather, "Say"));
        assertAttributes(gather, "input", "dtmf", "numDigits", "1", "timeout", "5", "method", "POST");
        String menu = follow(voice, gather, "action");
        assertEquals(menu, followText(voice, only(welcome, "Redirect")), "no input comes back to the same menu");

        Element queued = twiml(menu, call(line, callSid, caller, "in-progress", "Digits", "1"));
        assertEquals(List.of("Enqueue"), verbs(queued));
        Element enqueue = only(queued, "Enqueue");
        assertEquals("support", enqueue.getTextContent());
        assertAttributes(enqueue, "method", "POST", "waitUrlMethod", "POST");
        String waitUrl = follow(menu, enqueue, "waitUrl");
        String leftQueue = follow(menu, enqueue, "action");

        Element hold = twiml(waitUrl, waiting(line, callSid, caller, queueSid, 2, 8, 120));
        assertEquals(List.of("Say", "Play"), verbs(hold));
        assertSay("You are number 2 in line. The estimated wait is about 2 minutes.", only(hold, "Say"));
        assertEquals(HOLD_MUSIC, only(hold, "Play").getTextContent());

        String agentNumber = "+14155550331";
        Agent ada = agent("ada-answers");
        setAvailability(ada, Map.of("available", true, "phoneNumber", agentNumber));
        Element leave = twiml(waitUrl, waiting(line, callSid, caller, queueSid, 1, 15, 120));
        assertEquals(List.of("Leave"), verbs(leave));

        Element ring = twiml(leftQueue, call(line, callSid, caller, "in-progress", "QueueSid", queueSid,
                "QueueResult", "leave", "QueueTime", "15"));
        assertEquals(List.of("Dial"), verbs(ring));
        Element dial = only(ring, "Dial");
        assertEquals(List.of("Number"), verbs(dial));
        assertEquals(agentNumber, only(dial, "Number").getTextContent());
        assertAttributes(dial, "timeout", "20", "method", "POST", "record", "", "callerId", "");
        String dialed = follow(leftQueue, dial, "action");
        assertTrue(onCall(ada), "ringing, then talking: offered no other caller");
        assertNoAgentAvailable();

        Map<String, String> answered = call(line, callSid, caller, "in-progress", "DialCallSid", newSid("CA"),
                "DialCallStatus", "completed", "DialCallDuration", "42");
        assertEquals(List.of("Hangup"), verbs(twiml(dialed, answered)));
        assertFalse(onCall(ada), "the Dial's action ends the agent's part");
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> over = ended(line, callSid, caller, end, 80);
        assertEquals(204, hook(line.url("/voice/status"), over).statusCode());
        // Twilio delivers again what it is not sure arrived: the same answer, and nothing counted twice.
        assertEquals(List.of("Hangup"), verbs(twiml(dialed, answered)));
        assertEquals(204, hook(line.url("/voice/status"), over).statusCode());

        JsonNode entry = onlyCallEntry(ticketOf(caller));
        JsonNode call = entry.get("call");
        assertEquals("ANSWERED", call.get("outcome").asText(), call::toString);
        assertEquals(line.instance(), call.get("channelInstance").asText());
        assertEquals(callSid, call.get("callId").asText());
        assertEquals("INBOUND", call.get("direction").asText());
        assertEquals(List.of("main (1)"), texts(call.get("ivrPath")));
        assertEquals("support", call.get("queue").asText());
        assertEquals(15, call.get("waitSeconds").asLong(), call::toString);
        assertEquals(42, call.get("talkSeconds").asLong(), call::toString);
        assertEquals("ada-answers", call.get("agent").asText());
        assertEquals(end, Instant.parse(call.get("endedAt").asText()));
        assertTrue(call.path("ivrSeconds").isIntegralNumber() && call.get("ivrSeconds").asLong() >= 0, call::toString);
        assertTrue(entry.get("text").asText().contains("IVR: main (1), queue support (waited 15 s), agent ada-answers,"
                + " talked 42 s"), entry::toString);
        assertTrue(Api.read(asAgent(ada, "GET", "/api/v1/agents/me/availability", null).body()).hasNonNull("lastOfferedAt"),
                "ringing the agent puts them last in the order");

        LocalDate day = dayOf(call);
        JsonNode stats = stats(line, day);
        assertFigures(stats, 1, 1, 0, 0, 0, 0);
        assertEquals(0.0, stats.get("abandonmentRate").asDouble());
        assertEquals(42.0, stats.get("averageTalkSeconds").asDouble());
        assertEquals(15.0, stats.get("averageWaitSeconds").asDouble());
        assertEquals(call.get("ivrSeconds").asDouble(), stats.get("averageIvrSeconds").asDouble());
        assertEquals(1.0, stats.get("serviceLevel").asDouble(), "answered within the 20 s of the default service level");
        assertEquals(Map.of("ada-answers", 1L), perAgent(stats));
        if (day.equals(LocalDate.now(ZoneOffset.UTC))) {
            // /metrics shows today only: a call begun just before midnight is in yesterday's figures.
            assertEquals(1.0, metric("switchboard_calls_total", line, "answered"));
            assertEquals(0.0, metric("switchboard_calls_total", line, "in_progress"));
        }
        assertTwilioCalls(line);
    }

    @Test
    void aVoicemailIsStoredWithItsRecordingAndItsTranscriptJoinsTheSameEntryLater() {
        Line line = newLine("flow-voicemail", "+14155550132", Map.of());
        String caller = "+14155550232";
        String callSid = newSid("CA");

        String voice = line.url("/voice");
        Element welcome = twiml(voice, call(line, callSid, caller, "ringing"));
        String menu = follow(voice, only(welcome, "Gather"), "action");
        Element voicemail = twiml(menu, call(line, callSid, caller, "in-progress", "Digits", "2"));
        assertEquals(List.of("Say", "Record", "Say", "Hangup"), verbs(voicemail));
        assertSay(LEAVE_A_MESSAGE, children(voicemail, "Say").get(0));
        assertSay("We did not receive a message. Goodbye.", children(voicemail, "Say").get(1));
        Element record = only(voicemail, "Record");
        assertAttributes(record, "method", "POST", "maxLength", "90", "timeout", "5", "finishOnKey", "#", "playBeep", "true",
                "transcribe", "true", "recordingStatusCallbackMethod", "POST", "recordingStatusCallbackEvent", "completed");
        String recorded = follow(menu, record, "action");
        String recordingCallback = follow(menu, record, "recordingStatusCallback");
        String transcriptionCallback = follow(menu, record, "transcribeCallback");

        String recordingSid = newSid("RE");
        byte[] audio = audio(31);
        String recordingUrl = stubRecording(line, recordingSid, audio);
        Element thanks = twiml(recorded, call(line, callSid, caller, "in-progress", "RecordingUrl", recordingUrl,
                "RecordingSid", recordingSid, "RecordingDuration", "17", "Digits", "#"));
        assertEquals(List.of("Say", "Hangup"), verbs(thanks));
        assertSay("Thank you for your message. Goodbye.", only(thanks, "Say"));
        assertEquals(204, hook(line.url("/voice/status"), ended(line, callSid, caller, Instant.now(), 40)).statusCode());
        Map<String, String> recording = recordingStatus(line, callSid, recordingSid, recordingUrl);
        assertEquals(List.of(), verbs(twiml(recordingCallback, recording)));
        assertEquals(List.of(), verbs(twiml(recordingCallback, recording)), "delivered again: kept and fetched once");

        long ticketId = ticketOf(caller);
        JsonNode ticket = api.await("/api/v1/tickets/" + ticketId,
                t -> t.findValuesAsText("status").contains("STORED"), SOON);
        JsonNode entry = onlyCallEntry(ticket);
        assertEquals("VOICEMAIL", entry.get("call").get("outcome").asText(), entry::toString);
        assertEquals(List.of("main (2)"), texts(entry.get("call").get("ivrPath")));
        assertFalse(entry.get("call").hasNonNull("transcript"), entry::toString);
        assertEquals(1, entry.get("attachments").size(), entry::toString);
        JsonNode attachment = entry.get("attachments").get(0);
        assertEquals(recordingUrl + ".mp3", attachment.get("url").asText());
        assertEquals(recordingSid + ".mp3", attachment.get("fileName").asText());
        assertEquals("audio/mpeg", attachment.get("contentType").asText());
        Agent agent = agent("vera-voicemails");
        HttpResponse<byte[]> content = download(agent.token(), attachment.get("contentUrl").asText());
        assertEquals(200, content.statusCode());
        assertEquals("audio/mpeg", content.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(audio, content.body());
        assertEquals(401, download(null, attachment.get("contentUrl").asText()).statusCode(), "only for signed-in users");

        String transcript = "Hi, this is Sam. My router keeps dropping the connection, please call me back.";
        assertEquals(List.of(), verbs(twiml(transcriptionCallback,
                transcription(line, callSid, caller, recordingSid, recordingUrl, transcript))));
        JsonNode later = onlyCallEntry(api.json("/api/v1/tickets/" + ticketId));
        assertEquals(entry.get("id"), later.get("id"), "the transcript completes the voicemail's entry");
        assertEquals(transcript, later.get("call").get("transcript").asText());
        assertEquals("VOICEMAIL", later.get("call").get("outcome").asText());
        assertTrue(later.get("text").asText().endsWith("\nTranscript: " + transcript), later::toString);
        assertEquals(List.of(attachment.get("id")), StreamSupport.stream(later.get("attachments").spliterator(), false)
                .map(a -> a.get("id")).toList(), "the recording the transcript names is kept once");

        JsonNode stats = stats(line, dayOf(later.get("call")));
        assertFigures(stats, 1, 0, 0, 1, 0, 0);
        assertTwilioCalls(line, "GET " + line.account() + "/Recordings/" + recordingSid + ".mp3");
    }

    @Test
    void aCallerWhoWaitedTooLongAsksForACallbackAndTheAgentsCallJoinsTheirTicket() {
        Line line = newLine("flow-callback", "+14155550133", Map.of());
        String caller = "+14155550233";
        String callSid = newSid("CA");
        String queueSid = newSid("QU");
        assertNoAgentAvailable();

        Queued queued = callIntoQueue(line, callSid, caller);
        String waitUrl = follow(queued.menu(), queued.enqueue(), "waitUrl");
        String leftQueue = follow(queued.menu(), queued.enqueue(), "action");
        Element hold = twiml(waitUrl, waiting(line, callSid, caller, queueSid, 1, 30, 0));
        assertEquals(List.of("Say", "Play"), verbs(hold));
        assertSay("You are next in line.", only(hold, "Say"));
        int waited = MAX_QUEUE_WAIT + 1;
        assertEquals(List.of("Leave"), verbs(twiml(waitUrl, waiting(line, callSid, caller, queueSid, 1, waited, 0))),
                "the maximum wait is over");

        Element offer = twiml(leftQueue, call(line, callSid, caller, "in-progress", "QueueSid", queueSid,
                "QueueResult", "leave", "QueueTime", String.valueOf(waited)));
        assertEquals(List.of("Gather", "Redirect"), verbs(offer));
        Element choice = only(offer, "Gather");
        assertAttributes(choice, "input", "dtmf", "numDigits", "1", "method", "POST");
        assertSay("Sorry to keep you waiting. To leave a message, press 1. To be called back when it is your turn,"
                + " press 2.", only(choice, "Say"));
        String offered = follow(leftQueue, choice, "action");
        Element goodbye = twiml(offered, call(line, callSid, caller, "in-progress", "Digits", "2"));
        assertEquals(List.of("Say", "Hangup"), verbs(goodbye));
        assertSay("Thank you. We will call you back when it is your turn. Goodbye.", only(goodbye, "Say"));
        assertEquals(204, hook(line.url("/voice/status"), ended(line, callSid, caller, Instant.now(), 95)).statusCode());

        long ticketId = ticketOf(caller);
        JsonNode request = onlyCallbackOf(line);
        assertEquals(callSid, request.get("callId").asText());
        assertEquals(ticketId, request.get("ticketId").asLong());
        assertEquals(caller, request.get("to").asText());
        assertEquals("support", request.get("queue").asText());
        assertEquals("WAITING", request.get("state").asText());

        String softphone = "grace.desk";
        Agent grace = agent("grace-callbacks");
        setAvailability(grace, Map.of("available", true, "clientIdentity", softphone));
        String placedSid = newSid("CA");
        stubPlacing(line, "client:" + softphone, "grace-callbacks", caller, placedSid);

        HttpResponse<String> accepted = asAgent(grace, "POST", "/api/v1/callbacks/" + request.get("id").asLong() + "/accept", null);
        assertEquals(201, accepted.statusCode(), accepted.body());
        JsonNode placed = Api.read(accepted.body());
        assertEquals("PLACED", placed.get("call").get("state").asText(), placed::toString);
        assertEquals(placedSid, placed.get("call").get("providerCallId").asText());
        assertEquals("CALLBACK", placed.get("call").get("purpose").asText());
        assertEquals(ticketId, placed.get("call").get("ticketId").asLong());
        assertEquals("CALLED", placed.get("callback").get("state").asText());
        assertEquals("grace-callbacks", placed.get("callback").get("agent").asText());
        String outbound = placed.get("call").get("id").asText();
        assertEquals(outbound, placed.get("callback").get("outboundCall").asText());

        Placed call = assertPlacedOnce(line, "client:" + softphone, "grace-callbacks", caller, outbound);
        assertTrue(onCall(grace), "the agent's phone rings first: on the call from when it is placed");
        Map<String, String> agentLeg = placedCallForm(line, placedSid, "client:" + softphone, "in-progress",
                "DialCallSid", newSid("CA"), "DialCallStatus", "completed", "DialCallDuration", "95");
        assertEquals(List.of("Hangup"), verbs(twiml(call.dialAction(), agentLeg)));
        HttpResponse<String> status = hook(call.statusCallback(), placedCallEnded(line, placedSid, "client:" + softphone, 110));
        assertEquals(204, status.statusCode(), status.body());
        assertFalse(onCall(grace), "the call placed for the agent is over, and so is their part");

        List<JsonNode> entries = callEntries(api.json("/api/v1/tickets/" + ticketId));
        assertEquals(2, entries.size(), entries::toString);
        JsonNode asked = entries.get(0).get("call");
        assertEquals("CALLBACK", asked.get("outcome").asText(), asked::toString);
        assertEquals(callSid, asked.get("callId").asText());
        assertEquals(List.of("main (1)"), texts(asked.get("ivrPath")));
        assertEquals("support", asked.get("queue").asText());
        assertEquals(waited, asked.get("waitSeconds").asLong());
        JsonNode calledBack = entries.get(1).get("call");
        assertEquals("OUTBOUND", calledBack.get("direction").asText(), calledBack::toString);
        assertEquals(placedSid, calledBack.get("callId").asText());
        assertEquals("ANSWERED", calledBack.get("outcome").asText());
        assertEquals("grace-callbacks", calledBack.get("agent").asText());
        assertEquals(95, calledBack.get("talkSeconds").asLong());
        assertTrue(calledBack.hasNonNull("endedAt"), calledBack::toString);
        assertEquals(entries.get(0).get("conversationId"), entries.get(1).get("conversationId"), "the same conversation");
        assertEquals("AGENT", entries.get(1).get("authorType").asText());
        assertEquals(ticketId, ticketOf(caller), "still the caller's only ticket");
        assertTrue(StreamSupport.stream(api.json("/api/v1/callbacks").get("callbacks").spliterator(), false)
                .noneMatch(c -> c.get("id").equals(request.get("id"))), "no longer waiting");

        LocalDate first = dayOf(asked);
        LocalDate last = dayOf(calledBack);
        JsonNode report = api.json("/api/v1/calls/stats?instance=" + line.instance() + "&from=" + first + "&to=" + last);
        List<JsonNode> days = StreamSupport.stream(report.get("days").spliterator(), false).toList();
        assertEquals(2, days.stream().mapToLong(d -> d.get("calls").asLong()).sum(), report::toString);
        assertEquals(1, days.stream().mapToLong(d -> d.get("callbacks").asLong()).sum(), report::toString);
        assertEquals(1, days.stream().mapToLong(d -> d.get("answered").asLong()).sum(), report::toString);
        assertEquals(0, days.stream().mapToLong(d -> d.get("abandoned").asLong() + d.get("voicemails").asLong()
                + d.get("missed").asLong()).sum(), report::toString);
        assertEquals(1, days.stream().mapToLong(d -> d.get("perAgent").path("grace-callbacks").asLong()).sum(), report::toString);
        assertTwilioCalls(line, "POST " + line.account() + "/Calls.json");
    }

    @Test
    void anAgentCallsTheCustomerFromTheTicketAndTheCustomerDoesNotAnswer() {
        Line line = newLine("flow-click", "+14155550137", Map.of());
        String caller = "+14155550237";
        String callSid = newSid("CA");
        // A call that ends in the menus leaves the ticket with the caller's number on this line.
        twiml(line.url("/voice"), call(line, callSid, caller, "ringing"));
        assertEquals(204, hook(line.url("/voice/status"), ended(line, callSid, caller, Instant.now(), 12)).statusCode());
        long ticketId = ticketOf(caller);

        String deskPhone = "+14155550337";
        Agent kai = agent("kai-clicks");
        String placedSid = newSid("CA");
        stubPlacing(line, deskPhone, "kai-clicks", caller, placedSid);
        HttpResponse<String> created = asAgent(kai, "POST", "/api/v1/tickets/" + ticketId + "/calls",
                Map.of("phoneNumber", deskPhone));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode placed = Api.read(created.body());
        assertEquals("PLACED", placed.get("state").asText(), placed::toString);
        assertEquals("CLICK_TO_CALL", placed.get("purpose").asText());
        assertEquals(placedSid, placed.get("providerCallId").asText());

        Placed call = assertPlacedOnce(line, deskPhone, "kai-clicks", caller, placed.get("id").asText());
        Map<String, String> agentLeg = placedCallForm(line, placedSid, deskPhone, "in-progress",
                "DialCallSid", newSid("CA"), "DialCallStatus", "no-answer", "DialCallDuration", "0");
        assertEquals(List.of("Hangup"), verbs(twiml(call.dialAction(), agentLeg)));
        assertEquals(204, hook(call.statusCallback(), placedCallEnded(line, placedSid, deskPhone, 31)).statusCode());

        List<JsonNode> entries = callEntries(api.json("/api/v1/tickets/" + ticketId));
        assertEquals(2, entries.size(), entries::toString);
        assertFalse(entries.get(0).get("call").hasNonNull("outcome"), "ended in the menus: " + entries.get(0));
        JsonNode missed = entries.get(1).get("call");
        assertEquals("OUTBOUND", missed.get("direction").asText(), missed::toString);
        assertEquals(placedSid, missed.get("callId").asText());
        assertEquals("MISSED", missed.get("outcome").asText());
        assertEquals("kai-clicks", missed.get("agent").asText());
        assertFalse(missed.hasNonNull("talkSeconds"), missed::toString);
        assertEquals("kai-clicks", entries.get(1).get("author").asText());
        assertTwilioCalls(line, "POST " + line.account() + "/Calls.json");
    }

    @Test
    void aCallerWhoHangsUpInTheQueueIsAnAbandonedCall() {
        Line line = newLine("flow-abandoned", "+14155550134", Map.of());
        String caller = "+14155550234";
        String callSid = newSid("CA");
        String queueSid = newSid("QU");
        assertNoAgentAvailable();

        Queued queued = callIntoQueue(line, callSid, caller);
        String menu = queued.menu();
        Element enqueue = queued.enqueue();
        Element hold = twiml(follow(menu, enqueue, "waitUrl"), waiting(line, callSid, caller, queueSid, 3, 10, 0));
        assertSay("You are number 3 in line.", only(hold, "Say"));
        Element gone = twiml(follow(menu, enqueue, "action"), call(line, callSid, caller, "completed", "QueueSid", queueSid,
                "QueueResult", "hangup", "QueueTime", "48"));
        assertEquals(List.of(), verbs(gone));
        assertEquals(204, hook(line.url("/voice/status"), ended(line, callSid, caller, Instant.now(), 55)).statusCode());

        JsonNode call = onlyCallEntry(ticketOf(caller)).get("call");
        assertEquals("ABANDONED", call.get("outcome").asText(), call::toString);
        assertEquals("support", call.get("queue").asText());
        assertEquals(48, call.get("waitSeconds").asLong());
        assertFalse(call.hasNonNull("talkSeconds") || call.hasNonNull("agent"), call::toString);
        assertTrue(call.hasNonNull("endedAt"), call::toString);

        LocalDate day = dayOf(call);
        JsonNode stats = stats(line, day);
        assertFigures(stats, 1, 0, 1, 0, 0, 0);
        assertEquals(1.0, stats.get("abandonmentRate").asDouble());
        assertEquals(0.0, stats.get("serviceLevel").asDouble(), "an abandoned call counts against the service level");
        assertEquals(48.0, stats.get("averageWaitSeconds").asDouble());
        assertTrue(stats.get("averageTalkSeconds").isNull(), stats::toString);
        if (day.equals(LocalDate.now(ZoneOffset.UTC))) {
            // /metrics shows today only: a call begun just before midnight is in yesterday's figures.
            assertEquals(1.0, metric("switchboard_calls_total", line, "abandoned"));
            assertEquals(0.0, metric("switchboard_calls_total", line, "answered"));
        }
        assertTwilioCalls(line);
    }

    @Test
    void outsideBusinessHoursTheCallerHearsTheClosedMessageAndCanLeaveAVoicemail() {
        // Open every day all day, but today is a holiday in the line's zone (the days around it too, so that
        // midnight there between here and the call changes nothing).
        ZoneId zone = ZoneId.of("Pacific/Auckland");
        LocalDate today = LocalDate.now(zone);
        Line line = newLine("flow-closed", "+14155550135", Map.of("timeZone", zone.getId(),
                "openingHours", "Mon-Sun 00:00-24:00",
                "holidays", today.minusDays(1) + ", " + today + ", " + today.plusDays(1)));
        String caller = "+14155550235";
        String callSid = newSid("CA");

        String voice = line.url("/voice");
        Element closed = twiml(voice, call(line, callSid, caller, "ringing"));
        assertEquals(List.of("Say", "Record", "Say", "Hangup"), verbs(closed));
        List<Element> says = children(closed, "Say");
        assertSay(CLOSED, says.get(0));
        assertSay("We did not receive a message. Goodbye.", says.get(1));
        Element record = only(closed, "Record");
        assertAttributes(record, "method", "POST", "maxLength", "90", "finishOnKey", "#", "playBeep", "true",
                "transcribe", "true", "recordingStatusCallbackMethod", "POST");
        String recordingCallback = follow(voice, record, "recordingStatusCallback");
        assertTrue(recordingCallback.startsWith(line.url("/voice/recording?")), recordingCallback);
        assertTrue(follow(voice, record, "transcribeCallback").startsWith(line.url("/voice/transcription?")));
        assertTrue(follow(voice, record, "action").startsWith(line.url("/voice/recorded")));

        JsonNode call = onlyCallEntry(ticketOf(caller)).get("call");
        assertEquals(List.of("after hours"), texts(call.get("ivrPath")), call::toString);
        assertFalse(call.hasNonNull("queue"), call::toString);

        String recordingSid = newSid("RE");
        String recordingUrl = stubRecording(line, recordingSid, audio(35));
        assertEquals(List.of(), verbs(twiml(recordingCallback, recordingStatus(line, callSid, recordingSid, recordingUrl))));
        JsonNode voicemail = api.await("/api/v1/tickets/" + ticketOf(caller),
                t -> t.findValuesAsText("status").contains("STORED"), SOON);
        JsonNode left = onlyCallEntry(voicemail).get("call");
        assertEquals("VOICEMAIL", left.get("outcome").asText(), left::toString);
        assertEquals(List.of("after hours"), texts(left.get("ivrPath")));
        assertTwilioCalls(line, "GET " + line.account() + "/Recordings/" + recordingSid + ".mp3");
    }

    @Test
    void forgedWebhooksAreRefusedAndLeaveNothing() {
        Line line = newLine("flow-forged", "+14155550136", Map.of());
        String caller = "+14155550236";
        String callSid = newSid("CA");
        Map<String, String> incoming = call(line, callSid, caller, "ringing");
        String voice = line.url("/voice");

        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(hook(voice, incoming, TwilioSignatures.sign("00000000000000000000000000000000", voice, incoming)));
        refused.add(hook(voice, incoming, null));
        // Signed for the address Switchboard is reached at behind the proxy, not the one Twilio calls.
        String internal = switchboard.uri("/hooks/" + line.instance() + "/voice").toString();
        refused.add(hook(voice, incoming, TwilioSignatures.sign(AUTH_TOKEN, internal, incoming)));
        // A genuine recording callback whose URL was changed to name someone else.
        String genuine = line.url("/voice/recording?from=" + encode(caller) + "&path=main%3A2");
        String tampered = line.url("/voice/recording?from=" + encode("+14155550999") + "&path=main%3A2");
        String recordingSid = newSid("RE");
        Map<String, String> recording = recordingStatus(line, callSid, recordingSid,
                "https://api.twilio.com" + line.account() + "/Recordings/" + recordingSid);
        refused.add(hook(tampered, recording, TwilioSignatures.sign(AUTH_TOKEN, genuine, recording)));

        for (HttpResponse<String> answer : refused) {
            assertEquals(401, answer.statusCode(), answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
            JsonNode problem = Api.read(answer.body());
            assertEquals(401, problem.get("status").asInt());
            assertEquals("Unauthorized", problem.get("title").asText());
        }
        assertEquals(0, api.json("/api/v1/tickets?channel=" + line.instance()).get("total").asInt());
        assertEquals(List.of(), customersWith(caller));
        assertEquals(List.of(), customersWith("+14155550999"));
        assertEquals(4.0, metric("switchboard_inbound_events_total", line, "rejected"));
        assertEquals(0.0, metric("switchboard_inbound_events_total", line, "accepted"));

        // The same call, signed as Twilio signs it, is taken: what was refused was the signature.
        assertEquals(List.of("Say", "Gather", "Redirect"), verbs(twiml(voice, incoming)));
        assertEquals(1, api.json("/api/v1/tickets?channel=" + line.instance()).get("total").asInt());
        assertTwilioCalls(line);
    }

    // --- the line and its Twilio account --------------------------------------------------------------

    /** A voice instance with a Twilio account and a number of its own. */
    private record Line(String instance, String accountSid, String number) {
        String account() {
            return "/2010-04-01/Accounts/" + accountSid;
        }

        /** The URL Twilio calls for {@code pathAndQuery} of this instance: the public one. */
        String url(String pathAndQuery) {
            return PUBLIC_BASE + "/hooks/" + instance + pathAndQuery;
        }
    }

    /** Creates the instance over REST, as an admin does, and waits until Twilio confirmed its number. */
    private static Line newLine(String instance, String number, Map<String, Object> more) {
        Line line = new Line(instance, newSid("AC"), number);
        stubNumberLookup(line);
        Map<String, Object> configuration = new LinkedHashMap<>(Map.of("accountSid", line.accountSid(),
                "authToken", AUTH_TOKEN, "phoneNumber", number, "publicBaseUrl", PUBLIC_BASE, "ivr", IVR,
                "holdMusicUrl", HOLD_MUSIC, "maxQueueWait", MAX_QUEUE_WAIT, "voicemailMaxLength", 90,
                "apiBaseUrl", twilio.baseUrl()));
        configuration.putAll(more);
        HttpResponse<String> created = api.post("/api/v1/channel-instances",
                Map.of("id", instance, "type", "voice-twilio", "configuration", configuration));
        assertEquals(201, created.statusCode(), created.body());
        api.await("/api/v1/channel-instances/" + instance, i -> "ONLINE".equals(i.get("health").get("status").asText()), SOON);
        return line;
    }

    /** The number as Twilio lists it, its voice webhook pointing at the instance. */
    private static void stubNumberLookup(Line line) {
        String numbers = line.account() + "/IncomingPhoneNumbers.json";
        String numberSid = newSid("PN");
        ObjectNode record = Api.JSON.createObjectNode()
                .put("account_sid", line.accountSid()).put("api_version", "2010-04-01").put("friendly_name", line.number())
                .put("phone_number", line.number()).put("sid", numberSid).put("voice_application_sid", "")
                .put("voice_method", "POST").put("voice_url", line.url("/voice"))
                .put("voice_fallback_method", "POST").put("voice_fallback_url", line.url("/fallback"))
                .put("status_callback", line.url("/voice/status")).put("status_callback_method", "POST")
                .put("uri", line.account() + "/IncomingPhoneNumbers/" + numberSid + ".json").put("status", "in-use");
        record.putObject("capabilities").put("voice", true).put("sms", true).put("mms", true).put("fax", false);
        String page = numbers + "?PhoneNumber=" + encode(line.number()) + "&PageSize=50&Page=0";
        ObjectNode list = Api.JSON.createObjectNode().put("end", 0).put("first_page_uri", page).putNull("next_page_uri")
                .put("page", 0).put("page_size", 50).putNull("previous_page_uri").put("start", 0).put("uri", page);
        list.putArray("incoming_phone_numbers").add(record);
        twilio.stubFor(get(urlPathEqualTo(numbers)).withBasicAuth(line.accountSid(), AUTH_TOKEN)
                .withQueryParam("PhoneNumber", equalTo(line.number()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(list.toString())));
    }

    /** A recording at Twilio, served only with the account's credentials; its URL as Twilio reports it. */
    private static String stubRecording(Line line, String recordingSid, byte[] audio) {
        String path = line.account() + "/Recordings/" + recordingSid;
        twilio.stubFor(get(urlEqualTo(path + ".mp3")).withHost(equalTo("api.twilio.com"))
                .withBasicAuth(line.accountSid(), AUTH_TOKEN)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(audio)));
        return "https://api.twilio.com" + path;
    }

    /**
     * The Calls API taking the call that rings {@code ringAt} for {@code agent}, then dials {@code customer}:
     * matched on the account's credentials and every parameter but the core's call id, which is not known yet.
     */
    private static void stubPlacing(Line line, String ringAt, String agent, String customer, String placedSid) {
        String statusCallback = line.url("/voice/outbound/status?to=" + encode(customer) + "&agent=" + encode(agent)
                + "&outbound=");
        twilio.stubFor(post(urlEqualTo(line.account() + "/Calls.json")).withHost(equalTo("api.twilio.com"))
                .withBasicAuth(line.accountSid(), AUTH_TOKEN)
                .withFormParam("To", equalTo(ringAt))
                .withFormParam("From", equalTo(line.number()))
                .withFormParam("StatusCallback", matching(Pattern.quote(statusCallback) + "[0-9a-f-]{36}"))
                .withFormParam("StatusCallbackMethod", equalTo("POST"))
                .withFormParam("Twiml", matching("<\\?xml .*<Response><Dial .*</Dial></Response>"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(placedCall(line, placedSid, ringAt).toString())));
    }

    /** Where Twilio posts about a call it placed: the TwiML's Dial action, and the call's status callback. */
    private record Placed(String dialAction, String statusCallback) {
    }

    /**
     * The one Calls API request of the line, parameter by parameter, for the core's call {@code outbound};
     * and the TwiML it carries, which Twilio runs once the agent answers: dial the customer from the line's
     * number.
     */
    private static Placed assertPlacedOnce(Line line, String ringAt, String agent, String customer, String outbound) {
        List<LoggedRequest> placing = twilio.findAll(postRequestedFor(urlEqualTo(line.account() + "/Calls.json")));
        assertEquals(1, placing.size(), "placed once");
        Map<String, String> form = decodeForm(placing.get(0).getBodyAsString());
        assertEquals(List.of("From", "StatusCallback", "StatusCallbackMethod", "To", "Twiml"),
                form.keySet().stream().sorted().toList(), form::toString);
        assertEquals(ringAt, form.get("To"));
        assertEquals(line.number(), form.get("From"));
        String statusCallback = line.url("/voice/outbound/status?to=" + encode(customer) + "&agent=" + encode(agent)
                + "&outbound=" + encode(outbound));
        assertEquals(statusCallback, form.get("StatusCallback"));
        assertEquals("POST", form.get("StatusCallbackMethod"));
        Element bridge = parse(form.get("Twiml"));
        assertEquals(List.of("Dial"), verbs(bridge));
        Element dial = only(bridge, "Dial");
        assertAttributes(dial, "callerId", line.number(), "method", "POST", "record", "");
        assertEquals(List.of("Number"), verbs(dial));
        assertEquals(customer, only(dial, "Number").getTextContent());
        String dialAction = follow(statusCallback, dial, "action");
        assertTrue(dialAction.startsWith(line.url("/voice/outbound/")), dialAction);
        return new Placed(dialAction, statusCallback);
    }

    /** The Calls API's answer to a call it created. */
    private static ObjectNode placedCall(Line line, String sid, String to) {
        return Api.JSON.createObjectNode().put("sid", sid).put("account_sid", line.accountSid())
                .put("api_version", "2010-04-01").put("to", to).put("from", line.number()).put("status", "queued")
                .put("direction", "outbound-api").put("uri", line.account() + "/Calls/" + sid + ".json");
    }

    /**
     * Exactly these requests (method and URL, in any order) reached "Twilio" for the line's account,
     * besides the number look-ups of the instance's health check.
     */
    private static void assertTwilioCalls(Line line, String... expected) {
        String numbers = line.account() + "/IncomingPhoneNumbers.json";
        List<String> made = twilio.findAll(anyRequestedFor(urlPathMatching(Pattern.quote(line.account()) + "/.*"))).stream()
                .filter(request -> !(RequestMethod.GET.equals(request.getMethod())
                        && URI.create(request.getUrl()).getPath().equals(numbers)))
                .map(request -> request.getMethod() + " " + request.getUrl()).sorted().toList();
        assertEquals(Arrays.stream(expected).sorted().toList(), made);
    }

    // --- what Twilio posts ------------------------------------------------------------------------------

    /** The parameters Twilio sends with every request about a call to the line, and {@code more}. */
    private static Map<String, String> call(Line line, String callSid, String caller, String status, String... more) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", line.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", status);
        form.put("Called", line.number());
        form.put("Caller", caller);
        form.put("Direction", "inbound");
        form.put("From", caller);
        form.put("To", line.number());
        for (int i = 0; i < more.length; i += 2) {
            form.put(more[i], more[i + 1]);
        }
        return form;
    }

    /** The wait URL's request: where the caller stands and how long they and the queue's callers waited. */
    private static Map<String, String> waiting(Line line, String callSid, String caller, String queueSid, int position,
            int queueTime, int averageQueueTime) {
        return call(line, callSid, caller, "queued", "QueueSid", queueSid, "QueuePosition", String.valueOf(position),
                "QueueTime", String.valueOf(queueTime), "AvgQueueTime", String.valueOf(averageQueueTime),
                "CurrentQueueSize", String.valueOf(position), "MaxQueueSize", "100");
    }

    /** The number's status callback: the call is over. */
    private static Map<String, String> ended(Line line, String callSid, String caller, Instant at, int duration) {
        return call(line, callSid, caller, "completed", "CallDuration", String.valueOf(duration),
                "Timestamp", rfc1123(at), "CallbackSource", "call-progress-events", "SequenceNumber", "0");
    }

    /** What Twilio posts to a recordingStatusCallback: the call and the recording, not the caller. */
    private static Map<String, String> recordingStatus(Line line, String callSid, String recordingSid, String recordingUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", line.accountSid());
        form.put("CallSid", callSid);
        form.put("RecordingSid", recordingSid);
        form.put("RecordingUrl", recordingUrl);
        form.put("RecordingStatus", "completed");
        form.put("RecordingDuration", "17");
        form.put("RecordingChannels", "1");
        form.put("RecordingSource", "RecordVerb");
        form.put("RecordingStartTime", rfc1123(Instant.now().minusSeconds(20)));
        return form;
    }

    private static Map<String, String> transcription(Line line, String callSid, String caller, String recordingSid,
            String recordingUrl, String text) {
        String transcriptionSid = newSid("TR");
        return call(line, callSid, caller, "completed", "RecordingSid", recordingSid, "RecordingUrl", recordingUrl,
                "TranscriptionSid", transcriptionSid, "TranscriptionText", text, "TranscriptionStatus", "completed",
                "TranscriptionType", "fast", "TranscriptionUrl", "https://api.twilio.com" + line.account()
                        + "/Recordings/" + recordingSid + "/Transcriptions/" + transcriptionSid, "url", recordingUrl);
    }

    /** A request about the call Twilio placed for an agent: the agent's leg, from the line's number. */
    private static Map<String, String> placedCallForm(Line line, String callSid, String agent, String status,
            String... more) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", line.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", status);
        form.put("Called", agent);
        form.put("Caller", line.number());
        form.put("Direction", "outbound-api");
        form.put("From", line.number());
        form.put("To", agent);
        for (int i = 0; i < more.length; i += 2) {
            form.put(more[i], more[i + 1]);
        }
        return form;
    }

    /** The status callback of the call Twilio placed for an agent: it is over. */
    private static Map<String, String> placedCallEnded(Line line, String callSid, String agent, int duration) {
        return placedCallForm(line, callSid, agent, "completed", "CallDuration", String.valueOf(duration),
                "Timestamp", rfc1123(Instant.now()), "CallbackSource", "call-progress-events", "SequenceNumber", "3");
    }

    /** Twilio's POST of {@code url}, signed, arriving at this Switchboard through the proxy. */
    private static HttpResponse<String> hook(String url, Map<String, String> form) {
        return hook(url, form, TwilioSignatures.sign(AUTH_TOKEN, url, form));
    }

    /** @param signature the X-Twilio-Signature, or null for none */
    private static HttpResponse<String> hook(String url, Map<String, String> form, String signature) {
        assertTrue(url.startsWith(PUBLIC_BASE + "/hooks/"), () -> "Twilio would not call " + url + " on this Switchboard");
        return send(TwilioRequests.webhook(switchboard.uri(url.substring(PUBLIC_BASE.length())), form, signature, SOON),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- TwiML --------------------------------------------------------------------------------------------

    /** The TwiML Switchboard answers {@code url} with: its {@code <Response>}. */
    private static Element twiml(String url, Map<String, String> form) {
        HttpResponse<String> answer = hook(url, form);
        assertEquals(200, answer.statusCode(), () -> url + " answered " + answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"),
                () -> url + " answered " + answer.headers().map());
        return parse(answer.body());
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element response = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            assertEquals("Response", response.getTagName(), xml);
            return response;
        } catch (Exception e) {
            throw new AssertionError("not TwiML: " + xml, e);
        }
    }

    /** The verbs (or nouns) in {@code parent}, in order. */
    private static List<String> verbs(Element parent) {
        return children(parent, null).stream().map(Element::getTagName).toList();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) {
                children.add(element);
            }
        }
        return children;
    }

    private static Element only(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        assertEquals(1, found.size(), () -> "one <" + tag + "> in <" + parent.getTagName() + ">: " + verbs(parent));
        return found.get(0);
    }

    /** Each attribute as named; an empty value means the attribute is absent. */
    private static void assertAttributes(Element element, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            assertEquals(namesAndValues[i + 1], element.getAttribute(namesAndValues[i]),
                    "<" + element.getTagName() + "> " + namesAndValues[i]);
        }
    }

    /** Text spoken in the IVR's voice and language. */
    private static void assertSay(String text, Element say) {
        assertEquals(text, say.getTextContent());
        assertAttributes(say, "voice", VOICE, "language", LANGUAGE);
    }

    /** Where Twilio goes next: the URL in {@code attribute}, resolved against the URL Twilio called. */
    private static String follow(String called, Element verb, String attribute) {
        String target = verb.getAttribute(attribute);
        assertFalse(target.isEmpty(), () -> "<" + verb.getTagName() + "> has no " + attribute);
        return URI.create(called).resolve(target).toString();
    }

    /** The URL a {@code <Redirect>} names, resolved against the URL Twilio called. */
    private static String followText(String called, Element redirect) {
        assertAttributes(redirect, "method", "POST");
        return URI.create(called).resolve(redirect.getTextContent().strip()).toString();
    }

    // --- Switchboard's REST API ---------------------------------------------------------------------------

    private record Agent(String name, String token) {
    }

    /** An agent: a token of their own, issued by the admin. */
    private Agent agent(String name) {
        HttpResponse<String> created = api.post("/api/v1/tokens", Map.of("name", name, "role", "agent"));
        assertEquals(201, created.statusCode(), created.body());
        Agent agent = new Agent(name, Api.read(created.body()).get("token").asText());
        agents.add(agent);
        return agent;
    }

    private static void setAvailability(Agent agent, Map<String, Object> availability) {
        HttpResponse<String> set = asAgent(agent, "PUT", "/api/v1/agents/me/availability", availability);
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(availability.get("available"), Api.read(set.body()).get("available").asBoolean());
    }

    private static void assertNoAgentAvailable() {
        assertEquals(0, api.json("/api/v1/agents").get("agents").size(), "an agent left available would take the call");
    }

    /** A call that chose the queue in the main menu: the {@code <Enqueue>}, and the menu URL that answered it. */
    private record Queued(String menu, Element enqueue) {
    }

    private static Queued callIntoQueue(Line line, String callSid, String caller) {
        String voice = line.url("/voice");
        Element welcome = twiml(voice, call(line, callSid, caller, "ringing"));
        String menu = follow(voice, only(welcome, "Gather"), "action");
        return new Queued(menu, only(twiml(menu, call(line, callSid, caller, "in-progress", "Digits", "1")), "Enqueue"));
    }

    /** Whether the core counts the agent as on a call, which keeps the queues from offering them another. */
    private static boolean onCall(Agent agent) {
        return Api.read(asAgent(agent, "GET", "/api/v1/agents/me/availability", null).body()).hasNonNull("onCallSince");
    }

    private static HttpResponse<String> asAgent(Agent agent, String method, String path, Object json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(switchboard.uri(path)).timeout(SOON)
                .header("Authorization", "Bearer " + agent.token());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Api.write(json)));
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param token a bearer token, or null for none */
    private static HttpResponse<byte[]> download(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(switchboard.uri(path)).timeout(SOON).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<JsonNode> customersWith(String number) {
        JsonNode page = api.json("/api/v1/customers?search=" + encode(number) + "&size=200");
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .filter(customer -> StreamSupport.stream(customer.get("identities").spliterator(), false)
                        .anyMatch(i -> "PHONE".equals(i.get("kind").asText()) && number.equals(i.get("address").asText())))
                .toList();
    }

    /** The one ticket of the one customer with the phone identity {@code number}. */
    private static long ticketOf(String number) {
        List<JsonNode> customers = customersWith(number);
        assertEquals(1, customers.size(), customers::toString);
        JsonNode tickets = api.json("/api/v1/tickets?customer=" + customers.get(0).get("id").asLong());
        assertEquals(1, tickets.get("total").asInt(), tickets::toString);
        return tickets.get("items").get(0).get("id").asLong();
    }

    private static JsonNode onlyCallEntry(long ticketId) {
        return onlyCallEntry(api.json("/api/v1/tickets/" + ticketId));
    }

    private static JsonNode onlyCallEntry(JsonNode ticket) {
        List<JsonNode> calls = callEntries(ticket);
        assertEquals(1, calls.size(), ticket::toString);
        return calls.get(0);
    }

    private static List<JsonNode> callEntries(JsonNode ticket) {
        return StreamSupport.stream(ticket.get("timeline").spliterator(), false)
                .filter(entry -> "CALL".equals(entry.get("type").asText())).toList();
    }

    private static JsonNode onlyCallbackOf(Line line) {
        List<JsonNode> waiting = StreamSupport.stream(api.json("/api/v1/callbacks").get("callbacks").spliterator(), false)
                .filter(c -> line.instance().equals(c.get("instance").asText())).toList();
        assertEquals(1, waiting.size(), waiting::toString);
        return waiting.get(0);
    }

    /** The day (UTC) the call's figures are counted on: the day it started. */
    private static LocalDate dayOf(JsonNode call) {
        return LocalDate.ofInstant(Instant.parse(call.get("startedAt").asText()), ZoneOffset.UTC);
    }

    private static JsonNode stats(Line line, LocalDate day) {
        JsonNode report = api.json("/api/v1/calls/stats?instance=" + line.instance() + "&from=" + day + "&to=" + day);
        assertEquals(1, report.get("days").size(), report::toString);
        JsonNode stats = report.get("days").get(0);
        assertEquals(line.instance(), stats.get("instance").asText());
        assertEquals(day.toString(), stats.get("date").asText());
        return stats;
    }

    private static void assertFigures(JsonNode stats, long calls, long answered, long abandoned, long voicemails,
            long callbacks, long missed) {
        assertEquals(List.of(calls, answered, abandoned, voicemails, callbacks, missed),
                List.of(stats.get("calls").asLong(), stats.get("answered").asLong(), stats.get("abandoned").asLong(),
                        stats.get("voicemails").asLong(), stats.get("callbacks").asLong(), stats.get("missed").asLong()),
                () -> "calls, answered, abandoned, voicemails, callbacks, missed: " + stats);
    }

    private static Map<String, Long> perAgent(JsonNode stats) {
        Map<String, Long> perAgent = new LinkedHashMap<>();
        stats.get("perAgent").fields().forEachRemaining(field -> perAgent.put(field.getKey(), field.getValue().asLong()));
        return perAgent;
    }

    /** The value of the sample of {@code name} with the line's instance and {@code outcome} labels in /metrics. */
    private static double metric(String name, Line line, String outcome) {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(switchboard.uri("/metrics")).timeout(SOON).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        List<Double> values = metrics.body().lines()
                .filter(sample -> sample.startsWith(name + "{") && sample.contains("instance=\"" + line.instance() + "\"")
                        && sample.contains("outcome=\"" + outcome + "\""))
                .map(sample -> Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1))).toList();
        assertEquals(1, values.size(), () -> name + " of " + line.instance() + ", " + outcome + ": " + metrics.body());
        return values.get(0);
    }

    // --- plumbing -----------------------------------------------------------------------------------------

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return switchboard.http().send(request, body);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static byte[] audio(long seed) {
        byte[] audio = new byte[20_000];
        new Random(seed).nextBytes(audio);
        return audio;
    }

    private static String rfc1123(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
