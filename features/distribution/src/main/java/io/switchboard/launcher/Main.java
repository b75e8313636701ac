package io.switchboard.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.FrameworkEvent;

/**
 * Starts Switchboard: {@code java -jar switchboard.jar}. See {@code etc/switchboard.properties}
 * for what can be configured, and {@link BundleFolders} for how {@code bundles/} is laid out.
 */
public final class Main {

    /** How long a clean stop may take before the process gives up waiting. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long to wait after start-up for the HTTP runtime to publish where it listens. */
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run();
        } catch (LaunchException e) {
            Console.error("Switchboard did not start: " + e.getMessage(), e.getCause());
            exitCode = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private static int run() throws LaunchException, InterruptedException {
        Home home = Home.locate();
        home.createWritableFolders();
        Settings.applySystemProperties(home);
        Map<String, String> properties = Settings.frameworkProperties(home);
        List<BundleFile> bundles = BundleFolders.scan(home.bundles());
        OsgiRuntime.defaultStartLevels(properties, bundles);

        Console.info("Starting Switchboard in " + home.root() + " with " + bundles.size() + " bundles");
        OsgiRuntime runtime = OsgiRuntime.create(properties);
        StopSignals.installShutdownHook(runtime, STOP_TIMEOUT);
        runtime.start(bundles);
        StopSignals.install(runtime, STOP_TIMEOUT);

        StartupReport report = runtime.report();
        if (report.allActive()) {
            Console.info(report.line());
        } else {
            Console.warn(report.line());
        }
        Optional<String> endpoint = runtime.awaitHttpEndpoint(HTTP_TIMEOUT);
        long startedMillis = Duration.between(processStart(), Instant.now()).toMillis();
        if (endpoint.isPresent()) {
            Console.info("Switchboard started in " + startedMillis + " ms, serving " + endpoint.get());
        } else {
            Console.warn("Switchboard started in " + startedMillis + " ms, but no HTTP endpoint appeared within "
                    + HTTP_TIMEOUT.toSeconds() + " s: see the errors above");
        }

        FrameworkEvent stopped = runtime.awaitStop();
        Console.info("Switchboard stopped");
        return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    private static Instant processStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
}
