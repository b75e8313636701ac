package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** The REST API and the hooks of a running Switchboard, as a client sees them. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final SwitchboardProcess switchboard;

    Api(SwitchboardProcess switchboard) {
        this.switchboard = switchboard;
    }

    /** The admin token Switchboard writes once its store is ready on the first start. */
    String adminToken() {
        Path file = switchboard.home().resolve("data").resolve("admin-token");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            sleep(50);
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(authorized(path).GET());
    }

    HttpResponse<String> post(String path, Object json) {
        return send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(json))));
    }

    HttpResponse<String> put(String path, Object json) {
        return send(authorized(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(json))));
    }

    HttpResponse<String> patch(String path, Object json) {
        return send(authorized(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(json))));
    }

    HttpResponse<String> delete(String path) {
        return send(authorized(path).DELETE());
    }

    /** POSTs a webhook body, signed with {@code secret} unless that is null. */
    HttpResponse<String> hook(String path, String body, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(switchboard.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null) {
            request.header("X-Switchboard-Signature", Signatures.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** Polls {@code path} until its JSON satisfies {@code condition}. */
    JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
            if (response.statusCode() == 200) {
                last = read(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            sleep(50);
        }
        throw new AssertionError("GET " + path + " did not reach the expected state within " + timeout + "; last: " + last);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static String write(Object json) {
        try {
            return json instanceof String text ? text : JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(switchboard.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return switchboard.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
