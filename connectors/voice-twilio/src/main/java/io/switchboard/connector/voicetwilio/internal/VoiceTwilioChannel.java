package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.MediaResult;
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
import java.time.Clock;
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
    static final String RECORDED_PATH = "/voice/recorded";
    static final String RECORDING_PATH = "/voice/recording";
    static final String TRANSCRIPTION_PATH = "/voice/transcription";
    static final String TWIML_CONTENT_TYPE = "application/xml";
    static final List<String> PATHS = List.of(VOICE_PATH, MENU_PATH, WAIT_PATH, RECORDED_PATH, RECORDING_PATH,
            TRANSCRIPTION_PATH);

    private final String instanceId;
    private final VoiceSettings settings;
    private final WebhookSignature signature;
    private final VoiceAnswers answers;
    private final MediaDownloader recordings;
    private final TwilioTransport transport;
    private final HealthReporter health;
    private final Clock clock;
    private volatile boolean disposed;

    VoiceTwilioChannel(String instanceId, VoiceSettings settings, TwilioTransport transport, HealthReporter health,
            Clock clock, long mediaSizeLimit) {
        this.instanceId = instanceId;
        this.settings = settings;
        String hookBase = settings.publicBaseUrl() + "/hooks/" + instanceId;
        this.signature = new WebhookSignature(settings.authToken(), hookBase);
        this.answers = new VoiceAnswers(hookBase, settings);
        this.recordings = new MediaDownloader(transport, settings, mediaSizeLimit, "recording");
        this.transport = transport;
        this.health = health;
        this.clock = clock;
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
                    return twiml(incomingCall(form));
                case MENU_PATH:
                    return twiml(menu(form, query));
                case WAIT_PATH:
                    return twiml(answers.hold());
                case RECORDED_PATH:
                    return twiml(answers.thanks());
                case RECORDING_PATH:
                    return InboundResult.accept(VoicemailEvents.recording(form, query), empty());
                default:
                    return InboundResult.accept(VoicemailEvents.transcription(form, query), empty());
            }
        } catch (MalformedRequestException e) {
            return InboundResult.reject(Reason.MALFORMED, e.getMessage());
        }
    }

    private String incomingCall(Map<String, String> form) {
        return isOpen() ? answers.welcome() : answers.closed(form.get("From"), IvrPath.EMPTY);
    }

    /**
     * The Gather's action, and its redirect when nothing came: routes the caller's input, or plays the
     * menu again, or takes the default once the repeats are used up.
     */
    private String menu(Map<String, String> form, Map<String, String> query) {
        IvrPath path = IvrPath.decode(query.get("path"));
        Node node = settings.ivr().nodes().get(query.getOrDefault("node", ""));
        if (node == null) {
            // The IVR was changed during the call and lost this menu: the caller starts over.
            return answers.menu(settings.ivr().startNode(), 1, path, null);
        }
        int attempt = attempt(query.get("attempt"));
        String digits = blankToNull(form.get("Digits"));
        String speech = blankToNull(form.get("SpeechResult"));
        Choice choice = digits != null ? node.byDigits(digits)
                : speech != null && node.acceptsSpeech() ? node.bySpeech(speech) : null;
        if (choice != null) {
            return act(choice.option().action(), path.then(node.id(), choice.label()), form.get("From"));
        }
        if (attempt <= node.repeats()) {
            return answers.menu(node, attempt + 1, path, digits != null || speech != null ? node.invalid() : node.noInput());
        }
        return act(node.fallback(), path.then(node.id(), IvrPath.DEFAULT_CHOICE), form.get("From"));
    }

    private String act(Action action, IvrPath path, String from) {
        if (action instanceof ToQueue queue) {
            // Nobody answers a queue after hours: the caller leaves a message instead.
            return isOpen() ? answers.enqueue(queue.queue(), path) : answers.closed(from, path);
        }
        if (action instanceof ToMenu menu) {
            return answers.menu(settings.ivr().nodes().get(menu.node()), 1, path, null);
        }
        if (action instanceof ToVoicemail voicemail) {
            return answers.voicemail(voicemail.prompt(), from, path);
        }
        return answers.message(((PlayMessage) action).prompt());
    }

    private boolean isOpen() {
        return settings.hours().isOpen(clock.instant());
    }

    private static int attempt(String text) {
        if (text == null || !text.matches("[0-9]{1,2}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(text));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static InboundResult twiml(String twiml) {
        return InboundResult.accept(List.of(), WebhookResponse.ok(TWIML_CONTENT_TYPE, twiml));
    }

    private WebhookResponse empty() {
        return WebhookResponse.ok(TWIML_CONTENT_TYPE, answers.empty());
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return SendResult.failed("this channel cannot send messages; reply by SMS or call the customer back");
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
