package io.switchboard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.it.SwitchboardProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** What the benchmarks need of a running Switchboard's REST API, as its admin. */
final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(25);

    private final SwitchboardProcess switchboard;
    private final String token;

    private AdminApi(SwitchboardProcess switchboard, String token) {
        this.switchboard = switchboard;
        this.token = token;
    }

    /**
     * Uses the admin token Switchboard writes on its first start. It may appear a little after
     * {@code /health} turns 200, so it is waited for.
     */
    static AdminApi connect(SwitchboardProcess switchboard, Duration timeout) {
        Path file = switchboard.home().resolve("data").resolve("admin-token");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No admin token in " + file + " after " + timeout.toSeconds()
                        + " s; see " + switchboard.logFile());
            }
            pause(POLL);
        }
        try {
            return new AdminApi(switchboard, Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Waits until a connector of {@code type} is installed. */
    void awaitChannelType(String type, Duration timeout) {
        String quoted = "\"" + type + "\"";
        await("/api/v1/channel-types", json -> json.toString().contains(quoted), timeout);
    }

    /** Creates a channel instance and waits until it is active. */
    void createInstance(String id, String type, Map<String, Object> configuration, Duration timeout) {
        Map<String, Object> instance = Map.of("id", id, "type", type, "configuration", configuration);
        HttpResponse<String> created = send(authorized("/api/v1/channel-instances")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(instance))));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating the channel instance answered " + created.statusCode() + ": "
                    + created.body());
        }
        awaitInstance(id, json -> json.path("active").asBoolean(), timeout);
    }

    /** Waits until the channel instance {@code id} exists and satisfies {@code condition}. */
    void awaitInstance(String id, Predicate<JsonNode> condition, Duration timeout) {
        await("/api/v1/channel-instances/" + id, condition, timeout);
    }

    /** How many tickets have a conversation on the channel instance {@code id}. */
    long ticketCount(String id) {
        return json("/api/v1/tickets?channel=" + id + "&size=1").path("total").asLong(-1);
    }

    /** The value of a sample of {@code /metrics} whose name and labels contain all of {@code parts}. */
    Optional<Double> metric(String... parts) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(switchboard.uri("/metrics")).GET());
        return response.body().lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> Arrays.stream(parts).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private JsonNode json(String path) {
        HttpResponse<String> response = send(authorized(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    private void await(String path, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(authorized(path).GET());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && condition.test(read(response.body()))) {
                return;
            }
            pause(POLL);
        }
        throw new IllegalStateException("GET " + path + " did not reach the expected state within "
                + timeout.toSeconds() + " s; last answer: " + last);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(switchboard.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
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

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
