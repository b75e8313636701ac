package io.switchboard.channels.internal;

import io.switchboard.api.channel.WebhookRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the core answers a voice instance's calls itself, while the instance is not running or on the
 * provider's fallback URL: an apology, then a voicemail whose recording callback comes back to {@code
 * /hooks/{id}/fallback/recording}, where it is parked until the instance can take it. A fixed document
 * with escaped attributes: it must work when nothing else does, so it needs no library.
 *
 * <p>The callback URLs are relative to the request's URL (TwiML resolves them like a browser), so they
 * reach Switchboard at the same public address the provider used, whatever proxy is in front of it.
 */
final class VoiceFallback {
    static final String FALLBACK_PATH = "/fallback";
    static final String RECORDING_PATH = "/fallback/recording";
    static final String DONE_PATH = "/fallback/done";
    static final String CONTENT_TYPE = "application/xml";
    static final String DEFAULT_MESSAGE = "We are sorry, we cannot take your call right now. Please leave a message"
            + " after the tone, and we will get back to you as soon as we can.";
    static final String DEFAULT_LANGUAGE = "en-US";
    /** Seconds of voicemail, as long as the voice connector's default. */
    static final int MAX_LENGTH = 120;

    private final String message;
    private final String language;

    VoiceFallback(String message, String language) {
        this.message = message == null || message.isBlank() ? DEFAULT_MESSAGE : message.strip();
        this.language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.strip();
    }

    static boolean isFallback(String subPath) {
        return subPath.equals(FALLBACK_PATH) || subPath.equals(FALLBACK_PATH + "/");
    }

    static boolean isRecording(String subPath) {
        return subPath.equals(RECORDING_PATH) || subPath.equals(RECORDING_PATH + "/");
    }

    static boolean isDone(String subPath) {
        return subPath.equals(DONE_PATH) || subPath.equals(DONE_PATH + "/");
    }

    /**
     * The apology and the voicemail, its callbacks naming the caller and the call.
     *
     * @param hookRelative how the request's URL reaches {@code /hooks/{id}/} by a relative reference
     *     (see {@link #relativeToHookBase})
     */
    String answer(WebhookRequest request, String hookRelative) {
        Map<String, String> form = request.formParameters();
        Map<String, String> query = request.queryParameters();
        String from = first(form.get("From"), query.get("From"));
        String callSid = first(form.get("CallSid"), query.get("CallSid"));
        StringBuilder callback = new StringBuilder(hookRelative).append(RECORDING_PATH.substring(1));
        char separator = '?';
        if (from != null) {
            callback.append(separator).append("from=").append(URLEncoder.encode(from, StandardCharsets.UTF_8));
            separator = '&';
        }
        if (callSid != null) {
            callback.append(separator).append("callSid=").append(URLEncoder.encode(callSid, StandardCharsets.UTF_8));
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Response>"
                + "<Say language=\"" + escape(language) + "\">" + escape(message) + "</Say>"
                + "<Record action=\"" + escape(hookRelative + DONE_PATH.substring(1)) + "\" method=\"POST\""
                + " maxLength=\"" + MAX_LENGTH + "\" timeout=\"5\" finishOnKey=\"#\" playBeep=\"true\""
                + " recordingStatusCallback=\"" + escape(callback.toString()) + "\""
                + " recordingStatusCallbackMethod=\"POST\" recordingStatusCallbackEvent=\"completed\"/>"
                + "<Hangup/>"
                + "</Response>";
    }

    /** The answer to the voicemail's action, and to anything else that only has to end the call. */
    static String hangUp() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";
    }

    /** Callbacks whose answer the provider ignores. */
    static String empty() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    }

    /**
     * The relative reference from a request's URL to {@code /hooks/{id}/}: the request went to {@code
     * /hooks/{id}} followed by {@code subPath}; every {@code /} in it after the first is a folder to go up.
     *
     * @param bare whether nothing followed the instance id, not even a {@code /}
     */
    static String relativeToHookBase(String instanceId, String subPath, boolean bare) {
        if (bare) {
            return instanceId + "/";
        }
        int up = (int) subPath.chars().filter(c -> c == '/').count() - 1;
        return up <= 0 ? "" : "../".repeat(up);
    }

    private static String first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null || b.isBlank() ? null : b.strip();
    }

    /** Text escaped for XML attribute values and content alike; characters XML 1.0 cannot hold are dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
