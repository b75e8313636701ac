package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.channel.WebhookResponse;
import io.switchboard.api.model.Attachment;
import io.switchboard.connector.twilio.HealthReporter;
import io.switchboard.connector.twilio.MalformedRequestException;
import io.switchboard.connector.twilio.MediaDownloader;
import io.switchboard.connector.twilio.TwilioTransport;
import io.switchboard.connector.twilio.WebhookSignature;
import io.switchboard.connector.voicetwilio.internal.Ivr.Action;
import io.switchboard.connector.voicetwilio.internal.Ivr.Choice;
import io.switchboard.connector.voicetwilio.internal.Ivr.Node;
import io.switchboard.connector.voicetwilio.internal.Ivr.PlayMessage;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToMenu;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToQueue;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToVoicemail;
import io.switchboard.connector.voicetwilio.internal.VoiceAnswers.MenuVisit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Twilio number's calls. Every answer is computed from the request, the configuration and the
 * clock: the caller's place in the IVR travels in the signed callback URLs, so the instance holds no
 * call state and may be called from several threads at once, or replaced in the middle of a call.
 */
final class VoiceTwilioChannel implements ChannelInstance {

    static final String VOICE_PATH = "/voice";
    static final String MENU_PATH = "/voice/menu";
    static final String WAIT_PATH = "/voice/wait";
    /** The queue's action: the caller left the queue. */
    static final String QUEUED_PATH = "/voice/queued";
    /** The number's call status callback: the call ended. */
    static final String STATUS_PATH = "/voice/status";
    static final String RECORDED_PATH = "/voice/recorded";
    static final String RECORDING_PATH = "/voice/recording";
    static final String TRANSCRIPTION_PATH = "/voice/transcription";
    /** The recording status callback of a call bridged to an agent, when calls are recorded. */
    static final String CALL_RECORDING_PATH = "/voice/call-recording";
    /** What a customer hears before an agent's call is bridged to them: the recording announcement. */
    static final String ANNOUNCE_PATH = "/voice/announce";
    /**
     * The core's own fallback (Twilio's Fallback URL, and the voicemail the core records while this
     * connector is not running): the core answers these calls and hands the requests over afterwards.
     */
    static final String FALLBACK_PATH = "/fallback";
    static final String FALLBACK_RECORDING_PATH = "/fallback/recording";
    static final String FALLBACK_DONE_PATH = "/fallback/done";
    /** A waiting caller's agent was rung: answered or not. */
    static final String DIALED_PATH = "/voice/dialed";
    /** After the maximum wait: the caller's choice of a voicemail or a callback. */
    static final String OFFER_PATH = "/voice/offer";
    /** A call this instance placed for an agent ({@link CallPlacer}): the customer's leg ended. */
    static final String OUTBOUND_DIALED_PATH = "/voice/outbound/dialed";
    /** A call this instance placed for an agent: the call's status callback. */
    static final String OUTBOUND_STATUS_PATH = "/voice/outbound/status";
    static final String TWIML_CONTENT_TYPE = "application/xml";
    static final List<String> PATHS = List.of(VOICE_PATH, MENU_PATH, WAIT_PATH, QUEUED_PATH, STATUS_PATH,
            RECORDED_PATH, RECORDING_PATH, TRANSCRIPTION_PATH, FALLBACK_PATH, FALLBACK_RECORDING_PATH, FALLBACK_DONE_PATH,
            OUTBOUND_DIALED_PATH, OUTBOUND_STATUS_PATH, DIALED_PATH, OFFER_PATH, CALL_RECORDING_PATH, ANNOUNCE_PATH);

    private final String instanceId;
    private final VoiceSettings settings;
    private final WebhookSignature signature;
    private final VoiceAnswers answers;
    private final MediaDownloader recordings;
    private final CallPlacer calls;
    private final QueueRouting queues;
    private final TwilioTransport transport;
    private final HealthReporter health;
    private final Clock clock;
    private final ChannelContext context;
    private volatile boolean disposed;

    VoiceTwilioChannel(String instanceId, VoiceSettings settings, TwilioTransport transport, HealthReporter health,
            Clock clock, long mediaSizeLimit, ChannelContext context) {
        this.instanceId = instanceId;
        this.settings = settings;
        String hookBase = settings.publicBaseUrl() + "/hooks/" + instanceId;
        this.signature = new WebhookSignature(settings.authToken(), hookBase);
        this.answers = new VoiceAnswers(hookBase, settings);
        this.recordings = new MediaDownloader(transport, settings, mediaSizeLimit, "recording");
        this.calls = new CallPlacer(transport, settings, hookBase);
        this.queues = new QueueRouting(context, settings, answers);
        this.transport = transport;
        this.health = health;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public InboundResult receive(WebhookRequest request) {
        if (disposed) {
            throw new IllegalStateException("channel instance " + instanceId + " has been disposed");
        }
        if (!PATHS.contains(request.path())) {
            return InboundResult.reject(Reason.NOT_FOUND, "no such endpoint; Twilio calls " + VOICE_PATH
                    + " for incoming calls, the other endpoints are named in the TwiML answers");
        }
        if (!request.method().equals("POST")) {
            return InboundResult.reject(Reason.METHOD_NOT_ALLOWED, request.path() + " only accepts POST; set the "
                    + "number's voice webhook to HTTP POST");
        }
        Map<String, String> form = request.formParameters();
        // Nothing of the request is looked at before the signature holds.
        Optional<String> forgery = signature.problemWith(request, form);
        if (forgery.isPresent()) {
            return InboundResult.reject(Reason.UNAUTHENTICATED, forgery.get());
        }
        Map<String, String> query = request.queryParameters();
        try {
            switch (request.path()) {
                case VOICE_PATH:
                    return incomingCall(form);
                case MENU_PATH:
                    return menu(form, query);
                case WAIT_PATH:
                    return twiml(CallEvents.waiting(form, query, clock.instant()), queues.waiting(form, query, clock.instant()));
                case QUEUED_PATH:
                    return leftQueue(form, query);
                case STATUS_PATH:
                    return InboundResult.accept(CallEvents.status(form, clock.instant()), WebhookResponse.noContent());
                case RECORDED_PATH:
                    return twiml(answers.thanks());
                case RECORDING_PATH:
                    return InboundResult.accept(CallEvents.voicemail(form, query, clock.instant()), empty());
                case CALL_RECORDING_PATH:
                    return InboundResult.accept(CallEvents.callRecording(form, query, clock.instant()), empty());
                case ANNOUNCE_PATH:
                    return twiml(answers.announcement());
                case TRANSCRIPTION_PATH:
                    return InboundResult.accept(CallEvents.transcript(form, query, clock.instant()), empty());
                case FALLBACK_RECORDING_PATH:
                    return InboundResult.accept(CallEvents.fallbackVoicemail(form, query, clock.instant()), empty());
                case FALLBACK_PATH:
                    // The call itself was answered by the core; its replay carries nothing to keep.
                    return InboundResult.accept(List.of(), empty());
                case DIALED_PATH:
                    return queues.dialed(form, query, clock.instant());
                case OFFER_PATH:
                    return queues.offered(form, query, clock.instant());
                case OUTBOUND_DIALED_PATH:
                    return twiml(List.of(OutboundCallEvents.dialed(form, query, clock.instant())), answers.hangUp());
                case OUTBOUND_STATUS_PATH:
                    // The call is the agent's leg: once it is over, so is the agent's part (the core put them on it).
                    context.agentReleased(OutboundCallEvents.agent(query));
                    return InboundResult.accept(List.of(OutboundCallEvents.status(form, query, clock.instant())),
                            WebhookResponse.noContent());
                case FALLBACK_DONE_PATH:
                    // The core's voicemail ended while this instance was back: the call ends as after ours.
                    return twiml(answers.thanks());
                default:
                    throw new IllegalStateException("no route for " + request.path());
            }
        } catch (MalformedRequestException e) {
            return InboundResult.reject(Reason.MALFORMED, e.getMessage());
        }
    }

    private InboundResult incomingCall(Map<String, String> form) throws MalformedRequestException {
        Instant now = clock.instant();
        boolean open = isOpen();
        return twiml(List.of(CallEvents.started(form, !open, now)),
                open ? answers.welcome(now) : answers.closed(form.get("From"), IvrPath.EMPTY));
    }

    /**
     * The Gather's action, and its redirect when nothing came: routes the caller's input, or plays the
     * menu again, or takes the default once the repeats are used up. A choice (or the default) extends
     * the caller's path, which is reported; a menu played again changes nothing worth a report.
     */
    private InboundResult menu(Map<String, String> form, Map<String, String> query) throws MalformedRequestException {
        IvrPath path = IvrPath.decode(query.get("path"));
        Instant start = CallEvents.epochSeconds(query.get(CallEvents.START_PARAMETER));
        int step = count(query.get(CallEvents.STEP_PARAMETER), path.steps().size() + 1);
        int attempt = count(query.get("attempt"), 1);
        Node node = settings.ivr().nodes().get(query.getOrDefault("node", ""));
        if (node == null) {
            // The IVR was changed during the call and lost this menu: the caller starts over.
            return twiml(List.of(), answers.menu(settings.ivr().startNode(), new MenuVisit(1, path, start, step + 1), null));
        }
        String digits = blankToNull(form.get("Digits"));
        String speech = blankToNull(form.get("SpeechResult"));
        Choice choice = digits != null ? node.byDigits(digits)
                : speech != null && node.acceptsSpeech() ? node.bySpeech(speech) : null;
        Action action;
        IvrPath next;
        if (choice != null) {
            action = choice.option().action();
            next = path.then(node.id(), choice.label());
        } else if (attempt <= node.repeats()) {
            return twiml(List.of(), answers.menu(node, new MenuVisit(attempt + 1, path, start, step + 1),
                    digits != null || speech != null ? node.invalid() : node.noInput()));
        } else {
            action = node.fallback();
            next = path.then(node.id(), IvrPath.DEFAULT_CHOICE);
        }
        Instant now = clock.instant();
        String from = form.get("From");
        List<String> reported = new ArrayList<>(next.labels());
        String answer;
        if (action instanceof ToQueue queue) {
            // Nobody answers a queue after hours: the caller leaves a message instead.
            if (isOpen()) {
                answer = answers.enqueue(queue.queue(), next, now);
            } else {
                answer = answers.closed(from, next);
                reported.add(CallEvents.AFTER_HOURS);
            }
        } else if (action instanceof ToMenu menu) {
            answer = answers.menu(settings.ivr().nodes().get(menu.node()), new MenuVisit(1, next, start, step + 1), null);
        } else if (action instanceof ToVoicemail voicemail) {
            answer = answers.voicemail(voicemail.prompt(), from, next);
        } else {
            answer = answers.message(((PlayMessage) action).prompt());
        }
        boolean leaving = !(action instanceof ToMenu);
        return twiml(List.of(CallEvents.menuStep(form, reported, step, attempt, start, leaving, now)), answer);
    }

    /**
     * The caller left the queue: a caller still on the line who could not wait (the queue was full, or
     * an error) may leave a voicemail; a bridged call is over; anyone else is gone or elsewhere.
     */
    private InboundResult leftQueue(Map<String, String> form, Map<String, String> query) throws MalformedRequestException {
        List<ChannelEvent> events = List.of(CallEvents.leftQueue(form, query, clock.instant()));
        if ("leave".equalsIgnoreCase(form.getOrDefault("QueueResult", "").strip())) {
            // The wait URL made the caller leave: an agent is free, or the wait is over.
            return twiml(events, queues.left(form, query, clock.instant()));
        }
        return switch (CallEvents.QueueResult.of(form.get("QueueResult"))) {
            case NOT_SERVED -> twiml(events, answers.voicemail(null, form.get("From"),
                    IvrPath.decode(query.get("path"))));
            case BRIDGED -> twiml(events, answers.hangUp());
            case HANGUP, MOVED -> InboundResult.accept(events, empty());
        };
    }

    private boolean isOpen() {
        return settings.hours().isOpen(clock.instant());
    }

    /** A small count this connector wrote into a URL, or the fallback for URLs of an older version. */
    private static int count(String text, int fallback) {
        if (text == null || !text.matches("[0-9]{1,4}")) {
            return fallback;
        }
        return Math.max(1, Integer.parseInt(text));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static InboundResult twiml(String twiml) {
        return twiml(List.of(), twiml);
    }

    private static InboundResult twiml(List<ChannelEvent> events, String twiml) {
        return InboundResult.accept(events, WebhookResponse.ok(TWIML_CONTENT_TYPE, twiml));
    }

    private WebhookResponse empty() {
        return WebhookResponse.ok(TWIML_CONTENT_TYPE, answers.empty());
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return SendResult.failed("this channel cannot send messages; reply by SMS or call the customer back");
    }

    /** Rings the agent, then the customer, through the Calls API; see {@link CallPlacer}. */
    @Override
    public SendResult startCall(OutboundCall call) {
        if (disposed) {
            return SendResult.failed("channel instance " + instanceId + " has been disposed");
        }
        return calls.place(call);
    }

    /** Recordings live at Twilio, possibly behind the account's credentials, so they are downloaded and kept. */
    @Override
    public MediaResult fetchMedia(Attachment attachment) {
        if (disposed) {
            return MediaResult.retry("channel instance " + instanceId + " has been disposed");
        }
        MediaResult result = recordings.fetch(attachment);
        if (result instanceof MediaResult.Fetched) {
            health.credentialsWorked();
        }
        return result;
    }

    @Override
    public void dispose() {
        disposed = true;
        transport.close();
    }
}
