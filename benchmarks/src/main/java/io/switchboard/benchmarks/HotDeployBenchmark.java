package io.switchboard.benchmarks;

import io.switchboard.it.SwitchboardProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Connector jar dropped into {@code deploy/} (an atomic move) → its configured channel instance
 * serving: the instance's hook answering 200 instead of the 503 it gives while its connector is
 * missing. The instance is configured by a file in {@code deploy/} before the first drop; between
 * drops the jar is removed again and the hook is back to 503.
 */
final class HotDeployBenchmark {
    private static final String CONNECTOR = "switchboard-connector-webhook-generic";
    private static final String JAR = "webhook-generic.jar";
    private static final String INSTANCE = "live";
    private static final String CONFIG = "switchboard.channel.webhook_generic-" + INSTANCE + ".cfg";
    private static final String SECRET = "benchmark-shared-secret-0123456789";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** Between two requests to the hook: short against the time measured, long enough not to hog a core. */
    private static final Duration POLL = Duration.ofMillis(5);
    /** After a removal, so that the framework has settled before the next drop is timed. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SignedMessages messages = new SignedMessages(SECRET);
    private int sent;

    private final QuietMachine quiet;

    private HotDeployBenchmark(QuietMachine quiet) {
        this.quiet = quiet;
    }

    static Timings run(int runs, QuietMachine quiet) {
        return new HotDeployBenchmark(quiet).measure(runs);
    }

    private Timings measure(int runs) {
        Path home = SwitchboardProcess.newHome();
        try {
            removeJars(home.resolve("deploy"));
            try (SwitchboardProcess switchboard = SwitchboardProcess.builder().home(home).start()) {
                switchboard.awaitHttp("/health", 200, LIMIT);
                AdminApi api = AdminApi.connect(switchboard, LIMIT);
                switchboard.writeDeployFile(CONFIG, "callbackUrl=http://127.0.0.1:9/replies\nsecret=" + SECRET + "\n");
                api.awaitInstance(INSTANCE, instance -> !instance.path("active").asBoolean(), LIMIT);
                Path jar = SwitchboardProcess.connector(CONNECTOR);
                List<Duration> times = new ArrayList<>();
                OtherLoad otherLoad = new OtherLoad();
                for (int run = 1; run <= runs; run++) {
                    awaitHookStatus(switchboard, 503);
                    quiet.await();
                    CpuUsage cpu = CpuUsage.now();
                    long dropped = System.nanoTime();
                    switchboard.deploy(jar, JAR);
                    awaitHookStatus(switchboard, 200);
                    times.add(Duration.ofNanos(System.nanoTime() - dropped));
                    otherLoad.add(cpu, times.get(run - 1));
                    Progress.say("hot deploy " + run + "/" + runs + ": " + times.get(run - 1).toMillis() + " ms");
                    switchboard.undeploy(JAR);
                    api.awaitInstance(INSTANCE, instance -> !instance.path("active").asBoolean(), LIMIT);
                    AdminApi.pause(SETTLE);
                }
                return new Timings(times, otherLoad.percent());
            }
        } finally {
            Directories.delete(home);
        }
    }

    /** Posts signed messages to the instance's hook until one is answered with {@code status}. */
    private void awaitHookStatus(SwitchboardProcess switchboard, int status) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = post(switchboard);
            if (last == status) {
                return;
            }
            AdminApi.pause(POLL);
        }
        throw new IllegalStateException("The hook of '" + INSTANCE + "' did not answer " + status + " within "
                + LIMIT.toSeconds() + " s; last answer " + last + "; see " + switchboard.logFile());
    }

    private int post(SwitchboardProcess switchboard) {
        WebhookMessages.Signed message = messages.message("deploy-" + sent, "deploy-customer", "Are you there?");
        sent++;
        HttpRequest request = HttpRequest.newBuilder(switchboard.uri("/hooks/" + INSTANCE + "/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SignedMessages.SIGNATURE_HEADER, message.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("The hook did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void removeJars(Path deploy) {
        try (Stream<Path> files = Files.list(deploy)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
