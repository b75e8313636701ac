package io.switchboard.channels.internal;

import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.channel.WebhookResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /hooks/{instanceId}/...}: hands the request to the instance, stores what it returns, and only
 * then answers with the instance's response. Whenever the request cannot be handled now — the store
 * is starting, the instance's connector is being updated, the database failed — the answer is a 503
 * with {@code Retry-After}, which every provider treats as "deliver again later"; so nothing a
 * provider was told is stored can be lost.
 *
 * <p>Voice instances are the exception: a 503 would drop the caller. While one is not running, and
 * always on its {@code /fallback} URL, the core parks the request and answers with a voicemail of its
 * own ({@link VoiceFallback}); the instance takes the parked requests when it runs again.
 */
final class HooksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HooksServlet.class);
    static final int MAX_BODY = 1024 * 1024;

    private final transient Runtime runtime;

    /** What the servlet needs of the channel runtime; the runtime passes itself in through this. */
    interface Runtime {
        Optional<InstanceHandle> running(String instanceId);

        boolean isConfigured(String instanceId);

        Optional<ChannelKind> kindOf(String instanceId);

        /** @throws ChannelRuntimeImpl.NotReady while there is no store */
        void park(String instanceId, WebhookRequest request);

        VoiceFallback voiceFallback();

        /** @throws ChannelRuntimeImpl.NotReady while there is no store or ticket service */
        void store(InstanceHandle handle, List<io.switchboard.api.channel.ChannelEvent> events);

        void countRejected(String instanceId);
    }

    HooksServlet(Runtime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The body is read before any answer, so that every answer leaves the connection reusable.
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            Problems.write(response, 413, "Content Too Large", "webhook bodies are limited to " + MAX_BODY + " bytes");
            return;
        }
        String pathInfo = request.getPathInfo() == null ? "/" : request.getPathInfo();
        int slash = pathInfo.indexOf('/', 1);
        String instanceId = slash < 0 ? pathInfo.substring(1) : pathInfo.substring(1, slash);
        String subPath = slash < 0 ? "/" : pathInfo.substring(slash);
        if (instanceId.isEmpty()) {
            Problems.write(response, 404, "Not Found", "hook URLs are /hooks/{instanceId}/...");
            return;
        }
        WebhookRequest webhook = new WebhookRequest(request.getMethod(), subPath, requestUri(request),
                headers(request), body);
        String hookRelative = VoiceFallback.relativeToHookBase(instanceId, subPath, slash < 0);
        // The provider's fallback URL: it is called because the primary failed, so the core answers it
        // itself even while the instance runs, and the instance sees the request afterwards.
        if (VoiceFallback.isFallback(subPath) && isVoice(instanceId)) {
            voiceFallback(response, instanceId, webhook, hookRelative);
            return;
        }
        Optional<InstanceHandle> handle = runtime.running(instanceId);
        if (handle.isEmpty()) {
            unavailable(response, instanceId, webhook, hookRelative);
            return;
        }
        Optional<InboundResult> result;
        try {
            result = handle.get().receive(webhook);
        } catch (InstanceHandle.ConnectorFailure e) {
            retryLater(response, "the channel connector failed; the request was not stored");
            return;
        }
        if (result.isEmpty()) {
            unavailable(response, instanceId, webhook, hookRelative);
            return;
        }
        if (result.get() instanceof InboundResult.Rejected rejected) {
            reject(response, handle.get(), rejected);
            return;
        }
        InboundResult.Accepted accepted = (InboundResult.Accepted) result.get();
        try {
            runtime.store(handle.get(), accepted.events());
        } catch (IllegalArgumentException e) {
            runtime.countRejected(instanceId);
            Problems.write(response, 400, "Bad Request", e.getMessage());
            return;
        } catch (ChannelRuntimeImpl.NotReady e) {
            retryLater(response, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("Storing events of channel instance {} failed; the provider is asked to retry", instanceId, e);
            retryLater(response, "the events could not be stored; the request was not accepted");
            return;
        }
        write(response, accepted.response());
    }

    private void reject(HttpServletResponse response, InstanceHandle handle, InboundResult.Rejected rejected)
            throws IOException {
        runtime.countRejected(handle.id);
        InboundResult.Reason reason = rejected.reason();
        if (reason == InboundResult.Reason.UNAUTHENTICATED) {
            // Forged or unsigned: a log line, and nothing in the answer that helps the forger.
            LOG.warn("Rejected an unauthenticated request to channel instance {}: {}", handle.id, rejected.detail());
            Problems.write(response, 401, "Unauthorized", "the request's signature is missing or wrong");
            return;
        }
        String title = switch (reason) {
            case MALFORMED -> "Bad Request";
            case NOT_FOUND -> "Not Found";
            case METHOD_NOT_ALLOWED -> "Method Not Allowed";
            default -> "Rejected";
        };
        Problems.write(response, reason.status(), title, rejected.detail());
    }

    private void unavailable(HttpServletResponse response, String instanceId, WebhookRequest webhook,
            String hookRelative) throws IOException {
        if (isVoice(instanceId)) {
            voiceFallback(response, instanceId, webhook, hookRelative);
            return;
        }
        if (runtime.isConfigured(instanceId)) {
            retryLater(response, "channel instance " + instanceId + " is not running right now (starting,"
                    + " being updated, or its connector is not installed)");
        } else {
            Problems.write(response, 404, "Not Found", "no channel instance " + instanceId);
        }
    }

    private boolean isVoice(String instanceId) {
        try {
            return runtime.kindOf(instanceId).orElse(null) == ChannelKind.VOICE;
        } catch (RuntimeException e) {
            LOG.warn("The kind of channel instance {} could not be read: {}", instanceId, e.toString());
            return false;
        }
    }

    /**
     * A voice instance's call answered by the core: parked first (a 503 when that fails, as for any
     * request that could not be stored), then the apology and the voicemail. The voicemail's own action
     * only ends the call, so it is neither parked nor answered with another voicemail.
     */
    private void voiceFallback(HttpServletResponse response, String instanceId, WebhookRequest webhook,
            String hookRelative) throws IOException {
        if (VoiceFallback.isDone(webhook.path())) {
            write(response, WebhookResponse.ok(VoiceFallback.CONTENT_TYPE, VoiceFallback.hangUp()));
            return;
        }
        try {
            runtime.park(instanceId, webhook);
        } catch (ChannelRuntimeImpl.NotReady e) {
            retryLater(response, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("Parking a request to voice instance {} failed; the provider is asked to retry", instanceId, e);
            retryLater(response, "the request could not be stored; it was not accepted");
            return;
        }
        LOG.info("Voice instance {} is not running or was bypassed: answered {} {} with the fallback voicemail and"
                + " kept the request for the instance", instanceId, webhook.method(), webhook.path());
        // The voicemail's recording callback is answered like any callback whose answer is ignored.
        write(response, WebhookResponse.ok(VoiceFallback.CONTENT_TYPE, VoiceFallback.isRecording(webhook.path())
                ? VoiceFallback.empty() : runtime.voiceFallback().answer(webhook, hookRelative)));
    }

    private static void retryLater(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("Retry-After", "5");
        Problems.write(response, 503, "Service Unavailable", detail);
    }

    private static void write(HttpServletResponse response, WebhookResponse answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.body().length > 0) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    private static URI requestUri(HttpServletRequest request) {
        String query = request.getQueryString();
        return URI.create(request.getRequestURL() + (query == null ? "" : "?" + query));
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
