package io.switchboard.connector.webhookgeneric.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.channel.SendResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * POSTs signed replies to the instance's callback URL and turns the answer into a {@link SendResult}.
 *
 * <p>It uses {@link HttpURLConnection} because it runs entirely on the calling thread (the core's
 * outbox thread), so nothing of this bundle is left running when the instance or bundle goes; idle
 * connections wait in the JDK's own keep-alive cache, whose timer thread belongs to the JDK and ends
 * when the cache empties. {@code java.net.http.HttpClient} on Java 17 keeps a selector thread per
 * client and offers no way to stop it.
 */
final class CallbackClient {

    /** Enough for any id or error description; a bigger answer is cut, not buffered. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int MAX_REASON_LENGTH = 200;
    private static final List<String> DETAIL_FIELDS = List.of("detail", "message", "error", "title");

    private final URL url;
    private final Duration timeout;
    private final Signature signature;

    CallbackClient(URL url, Duration timeout, Signature signature) {
        this.url = url;
        this.timeout = timeout;
        this.signature = signature;
    }

    /** Sends the body once; never throws. The message id is the idempotency key and the fallback id. */
    SendResult post(byte[] body, String messageId) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setUseCaches(false);
            // Following a redirect would send the reply where the admin did not configure it to go.
            connection.setInstanceFollowRedirects(false);
            connection.setDoOutput(true);
            // Streaming also stops the JDK from silently re-sending the POST on a stale connection;
            // retries are the outbox's decision, made with the idempotency key.
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty(Signature.HEADER, signature.sign(body));
            connection.setRequestProperty("Idempotency-Key", messageId);
            connection.setRequestProperty("User-Agent", "Switchboard");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            Answer answer = readAnswer(connection, status);
            if (!answer.complete()) {
                connection.disconnect();
            }
            return outcome(status, answer.bytes(), connection, messageId);
        } catch (SocketTimeoutException e) {
            disconnect(connection);
            return SendResult.retry("callback URL did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            disconnect(connection);
            return SendResult.retry("could not reach the callback URL (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (IllegalArgumentException e) {
            // The JDK refuses header values with line breaks; the same message would be refused again.
            disconnect(connection);
            return SendResult.failed("could not build the callback request: " + e.getMessage());
        }
    }

    private static SendResult outcome(int status, byte[] answer, HttpURLConnection connection, String messageId) {
        if (status >= 200 && status < 300) {
            return SendResult.sent(answeredId(answer, messageId));
        }
        if (status < 100) {
            return SendResult.retry("callback URL did not give a valid HTTP answer");
        }
        String answered = "callback URL answered " + status;
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new SendResult.Retry(answered,
                    RetryAfter.parse(connection.getHeaderField("Retry-After"), Instant.now()));
        }
        String detail = detail(answer);
        if (detail != null) {
            return SendResult.failed(answered + ": " + detail);
        }
        String phrase = reasonPhrase(connection);
        return SendResult.failed(phrase == null ? answered : answered + " " + phrase);
    }

    /** The {@code id} of a JSON answer, else the outbound id: status reports name messages by either. */
    private static String answeredId(byte[] answer, String messageId) {
        JsonNode id = jsonAnswer(answer).path("id");
        return (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank() ? id.asText() : messageId;
    }

    private static String detail(byte[] answer) {
        JsonNode json = jsonAnswer(answer);
        for (String field : DETAIL_FIELDS) {
            if (json.path(field).isTextual() && !json.path(field).asText().isBlank()) {
                return shorten(json.path(field).asText());
            }
        }
        return null;
    }

    private static String reasonPhrase(HttpURLConnection connection) {
        try {
            String phrase = connection.getResponseMessage();
            return phrase == null || phrase.isBlank() ? null : shorten(phrase);
        } catch (IOException e) {
            return null;
        }
    }

    /** The answer as JSON; a missing node when it is not JSON, which an answer is free not to be. */
    private static JsonNode jsonAnswer(byte[] answer) {
        if (answer.length == 0) {
            return Json.MAPPER.missingNode();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(answer);
            return json == null ? Json.MAPPER.missingNode() : json;
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH) + "…";
    }

    /**
     * Reads the answer up to the limit. Reading it to the end and closing it lets the JDK reuse the
     * connection for the next reply. A failure here does not change the outcome: the status already
     * says whether the callback took the message.
     */
    private static Answer readAnswer(HttpURLConnection connection, int status) {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in == null) {
                return new Answer(new byte[0], true);
            }
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            return bytes.length > MAX_ANSWER_BYTES
                    ? new Answer(Arrays.copyOf(bytes, MAX_ANSWER_BYTES), false)
                    : new Answer(bytes, true);
        } catch (IOException e) {
            return new Answer(new byte[0], false);
        }
    }

    private static void disconnect(HttpURLConnection connection) {
        if (connection != null) {
            connection.disconnect();
        }
    }

    /** @param complete whether the whole answer was read, so the connection may be reused */
    private record Answer(byte[] bytes, boolean complete) {
    }
}
