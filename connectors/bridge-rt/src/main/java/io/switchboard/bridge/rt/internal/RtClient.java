package io.switchboard.bridge.rt.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The HTTP side of RT: REST 2 with basic authentication, and the mail gateway. Every failure becomes
 * an {@link RtException} whose kind tells the caller what to do about it.
 */
final class RtClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;

    /** The answer of a REST 2 call that succeeded. */
    record Response(int status, JsonNode body, String location) {
    }

    RtClient(URI base, String username, String password, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    RtClient(URI base, String username, String password) {
        this(base, username, password, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    URI base() {
        return base;
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** {@code GET /REST/2.0/{path}?{query}}. */
    Response get(String path, Map<String, String> query) {
        return rest(request(path, query).GET());
    }

    Response post(String path, Map<String, String> query, Object body) {
        return rest(request(path, query).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response put(String path, Object body) {
        return rest(request(path, Map.of()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /**
     * Hands a MIME message to RT's mail gateway, which needs no login: RT takes the sender from the
     * {@code From} header, exactly as for a mail that arrived by SMTP.
     */
    void mailGateway(String queue, String action, String ticket, String message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("queue", queue);
        form.put("action", action);
        form.put("ticket", ticket);
        form.put("message", message);
        // multipart/form-data, as rt-mailgate sends it.
        String boundary = "switchboard-" + UUID.randomUUID();
        StringBuilder multipart = new StringBuilder();
        form.forEach((name, value) -> multipart.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        multipart.append("--").append(boundary).append("--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/REST/1.0/NoAuth/mail-gateway"))
                .timeout(requestTimeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(request);
        String body = response.body() == null ? "" : response.body().strip();
        if (response.statusCode() >= 500 || response.statusCode() == 429 || body.startsWith("temporary failure")) {
            throw new RtException(RtException.Kind.UNAVAILABLE, "RT's mail gateway answered " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + firstLine(body)));
        }
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), body, "the mail gateway");
        }
        if (!body.startsWith("ok")) {
            // RT puts the reason in its log only; nearly always a right the sender lacks.
            throw new RtException(RtException.Kind.FORBIDDEN, "RT's mail gateway refused the " + action + " on ticket "
                    + ticket + " (" + firstLine(body) + "); RT's log says why, usually a missing right");
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        String uri = base + "/REST/2.0/" + path + (query.isEmpty() ? "" : "?" + encode(query));
        return HttpRequest.newBuilder(URI.create(uri)).timeout(requestTimeout)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private Response rest(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return new Response(status, parse(body), response.headers().firstValue("Location").orElse(null));
        }
        throw failure(status, message(body), request.method() + " " + request.uri().getPath());
    }

    private static RtException failure(int status, String message, String what) {
        String detail = what + " answered " + status + (message.isEmpty() ? "" : " " + message);
        if (status == 401) {
            return new RtException(RtException.Kind.UNAUTHORIZED, detail);
        }
        if (status == 403) {
            return new RtException(RtException.Kind.FORBIDDEN, detail);
        }
        if (status == 429 || status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return new RtException(RtException.Kind.UNAVAILABLE, detail);
        }
        return new RtException(RtException.Kind.REJECTED, detail);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RtException(RtException.Kind.UNAVAILABLE, "RT did not answer within "
                    + (requestTimeout.toMillis() % 1000 == 0 ? requestTimeout.toSeconds() + " s" : requestTimeout.toMillis() + " ms")
                    + " (" + request.method() + " " + request.uri().getPath() + ")", e);
        } catch (IOException e) {
            throw new RtException(RtException.Kind.UNAVAILABLE, "RT at " + base + " cannot be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtException(RtException.Kind.UNAVAILABLE, "interrupted while calling RT", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RtException(RtException.Kind.UNAVAILABLE, "RT answered something that is not JSON: "
                    + firstLine(body), e);
        }
    }

    /** RT's error bodies are {"message": "..."}; anything else is shown as its first line. */
    private static String message(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("message")) {
                return "(" + node.get("message").asText() + ")";
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through
        }
        return "(" + firstLine(body) + ")";
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((key, value) -> joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
