package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.channel.WebhookResponse;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.store.Store;
import io.switchboard.store.entity.ParkedWebhookRow;
import io.switchboard.store.internal.HibernateStore;
import io.switchboard.store.internal.StoreSettings;
import io.switchboard.store.testing.TestDatabase;
import io.switchboard.tickets.internal.TicketServiceImpl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The core's failover for voice instances, through the real hooks servlet, a real store (H2 and
 * PostgreSQL) and the real ticket rules, with a connector that checks a stand-in signature.
 */
class VoiceFailoverTest {
    private static final String BASE = "http://127.0.0.1:8080/hooks/";
    private static final String GOOD = "good-signature";

    private TestDatabase database;
    private Store store;
    private final Runtime runtime = new Runtime();
    private final Connector connector = new Connector();
    private InstanceHandle handle;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private void open(TestDatabase.Kind kind) {
        database = TestDatabase.open(kind);
        useStore(database.store());
    }

    private void useStore(Store current) {
        store = current;
        runtime.tickets = new TicketServiceImpl(store, "US", Duration.ofDays(7), Clock.systemUTC());
        handle = new InstanceHandle("line", "voice-test", "switchboard.channel.voice_test~line", Map.of(), events -> { });
        handle.start(connector);
    }

    private ParkedWebhooks replayer() {
        return new ParkedWebhooks(() -> store, id -> runtime.running ? Optional.of(handle) : Optional.empty(),
                id -> runtime.configured.containsKey(id), runtime::store, runtime::countRejected, Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStoppedVoiceInstanceAnswersWithAVoicemailAndParksTheRequestAsReceived(TestDatabase.Kind kind) throws Exception {
        open(kind);
        runtime.configured.put("line", ChannelKind.VOICE);

        FakeHttp.Answer answer = post("line/voice?lang=en", "CallSid=CA1&From=%2B15551234567&To=%2B15557654321", GOOD);

        assertEquals(200, answer.status);
        assertEquals("application/xml", answer.contentType);
        Document twiml = parse(answer.text());
        Element say = (Element) twiml.getElementsByTagName("Say").item(0);
        assertEquals(VoiceFallback.DEFAULT_MESSAGE, say.getTextContent());
        assertEquals("en-US", say.getAttribute("language"));
        Element record = (Element) twiml.getElementsByTagName("Record").item(0);
        assertEquals("fallback/recording?from=%2B15551234567&callSid=CA1", record.getAttribute("recordingStatusCallback"));
        assertEquals("fallback/done", record.getAttribute("action"));
        assertEquals("POST", record.getAttribute("recordingStatusCallbackMethod"));
        assertEquals(1, twiml.getElementsByTagName("Hangup").getLength());
        assertEquals(List.of(), connector.received, "the stopped connector is not called");

        List<ParkedWebhookRow> parked = parked();
        assertEquals(1, parked.size());
        WebhookRequest request = ParkedWebhooks.request(parked.get(0));
        assertEquals("POST", request.method());
        assertEquals("/voice", request.path());
        assertEquals(BASE + "line/voice?lang=en", request.requestUri().toString());
        assertEquals(GOOD, request.header("X-Twilio-Signature"));
        assertEquals("application/x-www-form-urlencoded", request.header("content-type"));
        assertEquals("CallSid=CA1&From=%2B15551234567&To=%2B15557654321", request.bodyText());
    }

    @Test
    void theVoicemailCallbacksResolveToTheInstancesFallbackUrlsFromWhereverTheCallWas() throws Exception {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("line", ChannelKind.VOICE);

        Element deep = record(post("line/voice/menu?node=main&attempt=1", "CallSid=CA2&From=%2B15551234567", GOOD));
        Element bare = record(post("line", "CallSid=CA3&From=%2B15551234567", GOOD));

        java.net.URI menu = java.net.URI.create(BASE + "line/voice/menu?node=main&attempt=1");
        assertEquals(BASE + "line/fallback/recording?from=%2B15551234567&callSid=CA2",
                menu.resolve(deep.getAttribute("recordingStatusCallback")).toString());
        assertEquals(BASE + "line/fallback/done", menu.resolve(deep.getAttribute("action")).toString());
        assertEquals(BASE + "line/fallback/recording?from=%2B15551234567&callSid=CA3",
                java.net.URI.create(BASE + "line").resolve(bare.getAttribute("recordingStatusCallback")).toString());
    }

    @Test
    void theWordingIsConfigurableAndEscaped() throws Exception {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("line", ChannelKind.VOICE);
        runtime.fallback = new VoiceFallback("Désolé <tous> \"occupés\" & absents", "fr-FR");

        Element say = (Element) parse(post("line/voice", "CallSid=CA1&From=%2B33612345678", GOOD).text())
                .getElementsByTagName("Say").item(0);

        assertEquals("Désolé <tous> \"occupés\" & absents", say.getTextContent());
        assertEquals("fr-FR", say.getAttribute("language"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void parkedRequestsAreReplayedInArrivalOrderOnceTheInstanceRunsAndTheirVoicemailsStored(TestDatabase.Kind kind) {
        open(kind);
        runtime.configured.put("line", ChannelKind.VOICE);
        post("line/voice", "CallSid=CA1&From=%2B15551234567", GOOD);
        post("line/fallback/recording?from=%2B15551234567&callSid=CA1", "CallSid=CA1&RecordingSid=RE1", GOOD);
        post("line/fallback/recording?from=%2B15557777777&callSid=CA2", "CallSid=CA2&RecordingSid=RE2", GOOD);
        ParkedWebhooks replayer = replayer();

        replayer.run();
        assertEquals(3, parked().size(), "nothing is replayed while the instance is stopped");

        runtime.running = true;
        replayer.run();

        assertEquals(List.of("/voice", "/fallback/recording RE1", "/fallback/recording RE2"), connector.received);
        assertEquals(List.of(), parked());
        assertEquals(List.of("voicemail RE1 from +15551234567", "voicemail RE2 from +15557777777"), messages());

        replayer.run();
        assertEquals(3, connector.received.size(), "a handled request is not offered again");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aForgedParkedRequestIsDroppedWithNothingStoredAndTheOthersGoOn(TestDatabase.Kind kind) {
        open(kind);
        runtime.configured.put("line", ChannelKind.VOICE);
        post("line/fallback/recording?from=%2B15550000000", "CallSid=CA9&RecordingSid=RE-FORGED", "forged");
        post("line/fallback/recording?from=%2B15551234567", "CallSid=CA1&RecordingSid=RE1", GOOD);
        runtime.running = true;

        replayer().run();

        assertEquals(List.of("/fallback/recording RE-FORGED", "/fallback/recording RE1"), connector.received);
        assertEquals(List.of("voicemail RE1 from +15551234567"), messages());
        assertEquals(List.of(), parked());
        assertEquals(1L, runtime.rejected);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aVoicemailStoredBeforeACrashIsNotStoredAgainWhenItsRequestIsReplayedOnceMore(TestDatabase.Kind kind) {
        open(kind);
        runtime.configured.put("line", ChannelKind.VOICE);
        post("line/fallback/recording?from=%2B15551234567", "CallSid=CA1&RecordingSid=RE1", GOOD);
        post("line/fallback/recording?from=%2B15557777777", "CallSid=CA2&RecordingSid=RE2", GOOD);
        runtime.running = true;
        // The process dies after the first voicemail's transaction, before its parked request is deleted.
        runtime.crashAfterStoring = true;

        replayer().run();
        assertEquals(2, parked().size());
        runtime.crashAfterStoring = false;
        replayer().run();

        assertEquals(List.of("voicemail RE1 from +15551234567", "voicemail RE2 from +15557777777"), messages());
        assertEquals(List.of(), parked());
        assertEquals(List.of("/fallback/recording RE1", "/fallback/recording RE1", "/fallback/recording RE2"),
                connector.received);
    }

    @Test
    void parkedRequestsAndWhatAnInstanceWasOutliveARestart(@TempDir Path home) throws Exception {
        Path folder = Files.createDirectories(home.resolve("data"));
        HibernateStore first = new HibernateStore(StoreSettings.embedded(folder));
        useStore(first);
        InstanceKinds kinds = new InstanceKinds(Clock.systemUTC());
        kinds.started("line", "voice-test", ChannelKind.VOICE);
        kinds.started("sms", "sms-test", ChannelKind.SMS);
        kinds.flush(first);
        runtime.configured.put("line", ChannelKind.VOICE);
        post("line/fallback/recording?from=%2B15551234567", "CallSid=CA1&RecordingSid=RE1", GOOD);
        first.close();

        HibernateStore second = new HibernateStore(StoreSettings.embedded(folder));
        try {
            useStore(second);
            InstanceKinds known = new InstanceKinds(Clock.systemUTC());
            assertEquals(Optional.of(ChannelKind.VOICE), known.kindOf("line", "voice-test", second));
            assertEquals(Optional.of(ChannelKind.SMS), known.kindOf("sms", "sms-test", second));
            assertEquals(Optional.empty(), known.kindOf("line", "other-type", second),
                    "an instance id configured again for another type is not taken for what it was");
            assertEquals(Optional.empty(), known.kindOf("new", "voice-test", second));
            assertEquals(1, parked().size());

            runtime.running = true;
            replayer().run();

            assertEquals(List.of("voicemail RE1 from +15551234567"), messages());
            assertEquals(List.of(), parked());
        } finally {
            second.close();
        }
    }

    @Test
    void aMessagingInstanceIsStillAnswered503AndNothingIsParked() {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("sms", ChannelKind.SMS);

        FakeHttp.Answer answer = post("sms/sms", "MessageSid=SM1&From=%2B15551234567&Body=hi", GOOD);
        FakeHttp.Answer fallback = post("sms/fallback", "MessageSid=SM1&From=%2B15551234567&Body=hi", GOOD);

        assertEquals(503, answer.status);
        assertEquals("5", answer.headers.get("Retry-After"));
        assertEquals("application/problem+json", answer.contentType);
        assertEquals(503, fallback.status);
        assertEquals(List.of(), parked());
    }

    @Test
    void anInstanceOfUnknownKindIsAnswered503AndAnUnconfiguredOne404() {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("unknown", null);

        assertEquals(503, post("unknown/voice", "CallSid=CA1", GOOD).status);
        assertEquals(404, post("nobody/voice", "CallSid=CA1", GOOD).status);
        assertEquals(List.of(), parked());
    }

    @Test
    void theFallbackUrlIsAnsweredByTheCoreEvenWhileTheInstanceRunsWhichSeesItAfterwards() throws Exception {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("line", ChannelKind.VOICE);
        runtime.running = true;

        FakeHttp.Answer answer = post("line/fallback", "CallSid=CA1&From=%2B15551234567&ErrorCode=11200", GOOD);

        assertEquals(1, parse(answer.text()).getElementsByTagName("Record").getLength());
        assertEquals(List.of(), connector.received);
        assertEquals(1, parked().size());
        replayer().run();
        assertEquals(List.of("/fallback"), connector.received);
        assertEquals(List.of(), parked());
    }

    @Test
    void aRunningInstanceTakesItsRequestsItselfAndTheVoicemailsEndIsOnlyAHangUp() throws Exception {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("line", ChannelKind.VOICE);
        runtime.running = true;
        FakeHttp.Answer live = post("line/fallback/recording?from=%2B15551234567", "CallSid=CA1&RecordingSid=RE1", GOOD);
        assertEquals("<Response/>", live.text());
        assertEquals(List.of("voicemail RE1 from +15551234567"), messages());

        runtime.running = false;
        FakeHttp.Answer done = post("line/fallback/done", "CallSid=CA1&RecordingUrl=x", GOOD);
        FakeHttp.Answer recording = post("line/fallback/recording?from=%2B1555", "CallSid=CA2&RecordingSid=RE2", GOOD);

        Document hangUp = parse(done.text());
        assertEquals(1, hangUp.getElementsByTagName("Hangup").getLength());
        assertEquals(0, hangUp.getElementsByTagName("Record").getLength(), "no second voicemail");
        assertEquals(0, parse(recording.text()).getDocumentElement().getChildNodes().getLength(),
                "a recording callback's answer is ignored");
        assertEquals(List.of("/fallback/recording"), parked().stream().map(p -> p.path).toList());
    }

    @Test
    void aConnectorThatFailsOnAReplayKeepsTheRequestForLater() {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("line", ChannelKind.VOICE);
        post("line/fallback/recording?from=%2B15551234567", "CallSid=CA1&RecordingSid=RE1", GOOD);
        runtime.running = true;
        connector.failing.set(true);

        replayer().run();

        assertEquals(1, parked().size());
        assertEquals(List.of(), messages());
        connector.failing.set(false);
        replayer().run();
        assertEquals(List.of("voicemail RE1 from +15551234567"), messages());
    }

    @Test
    void theRequestsOfADeletedInstanceAreDropped() {
        open(TestDatabase.Kind.H2);
        runtime.configured.put("line", ChannelKind.VOICE);
        post("line/fallback/recording?from=%2B15551234567", "CallSid=CA1&RecordingSid=RE1", GOOD);
        runtime.configured.remove("line");

        replayer().run();

        assertEquals(List.of(), parked());
        assertEquals(List.of(), connector.received);
    }

    @Test
    void escapingKeepsEveryAttributeAndTextWellFormed() {
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; f", VoiceFallback.escape("a & b <c> \"d\" 'e' \u0001f"));
        assertEquals("", VoiceFallback.relativeToHookBase("line", "/voice", false));
        assertEquals("", VoiceFallback.relativeToHookBase("line", "/", false));
        assertEquals("../", VoiceFallback.relativeToHookBase("line", "/voice/menu", false));
        assertEquals("../", VoiceFallback.relativeToHookBase("line", "/voice/", false));
        assertEquals("line/", VoiceFallback.relativeToHookBase("line", "/", true));
        assertTrue(VoiceFallback.isFallback("/fallback"));
        assertFalse(VoiceFallback.isFallback("/fallback/recording"));
    }

    // --- helpers --------------------------------------------------------------------------------------

    private FakeHttp.Answer post(String hook, String form, String signature) {
        FakeHttp.Answer answer = new FakeHttp.Answer();
        try {
            new HooksServlet(runtime).service(FakeHttp.request("POST", BASE + hook,
                    Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature), form),
                    FakeHttp.response(answer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return answer;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element record(FakeHttp.Answer answer) throws Exception {
        return (Element) parse(answer.text()).getElementsByTagName("Record").item(0);
    }

    private List<ParkedWebhookRow> parked() {
        return store.transaction(em -> em.createQuery("select p from ParkedWebhook p order by p.id", ParkedWebhookRow.class)
                .getResultList());
    }

    private List<String> messages() {
        return store.transaction(em -> em.createQuery("select e.text from Entry e order by e.id", String.class)
                .getResultList());
    }

    /** The runtime as the servlet sees it, over the real store and ticket rules. */
    private final class Runtime implements HooksServlet.Runtime {
        final Map<String, ChannelKind> configured = Collections.synchronizedMap(new HashMap<>());
        volatile boolean running;
        volatile boolean crashAfterStoring;
        volatile TicketServiceImpl tickets;
        volatile VoiceFallback fallback = new VoiceFallback(null, null);
        long rejected;

        @Override
        public Optional<InstanceHandle> running(String instanceId) {
            return running && instanceId.equals("line") ? Optional.of(handle) : Optional.empty();
        }

        @Override
        public boolean isConfigured(String instanceId) {
            return configured.containsKey(instanceId);
        }

        @Override
        public Optional<ChannelKind> kindOf(String instanceId) {
            return Optional.ofNullable(configured.get(instanceId));
        }

        @Override
        public void park(String instanceId, WebhookRequest request) {
            ParkedWebhooks.park(store, instanceId, request, java.time.Instant.now());
        }

        @Override
        public VoiceFallback voiceFallback() {
            return fallback;
        }

        @Override
        public void store(InstanceHandle instance, List<ChannelEvent> events) {
            EventSink.store(store, tickets, instance.id, instance.type, events);
            if (crashAfterStoring) {
                throw new IllegalStateException("the process died");
            }
        }

        @Override
        public void countRejected(String instanceId) {
            rejected++;
        }
    }

    /** Accepts what carries the good signature; a recording callback becomes a voicemail from the query's caller. */
    private static final class Connector implements ChannelInstance {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public InboundResult receive(WebhookRequest request) {
            Map<String, String> form = request.formParameters();
            String recording = form.get("RecordingSid");
            received.add(request.path() + (recording == null ? "" : " " + recording));
            if (failing.get()) {
                throw new IllegalStateException("connector bug");
            }
            if (!GOOD.equals(request.header("X-Twilio-Signature"))) {
                return InboundResult.reject(InboundResult.Reason.UNAUTHENTICATED, "signature does not match");
            }
            if (recording == null) {
                return InboundResult.accept(List.of(), WebhookResponse.ok("application/xml", "<Response/>"));
            }
            String from = request.queryParameters().get("from");
            return InboundResult.accept(List.of(new InboundMessage(recording, null,
                    new Contact(Address.phone(from), List.of(), null), null, "voicemail " + recording + " from " + from,
                    List.of())), WebhookResponse.ok("application/xml", "<Response/>"));
        }

        @Override
        public SendResult send(OutboundMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MediaResult fetchMedia(Attachment attachment) {
            throw new UnsupportedOperationException();
        }
    }
}
