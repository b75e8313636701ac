package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled runtime on its own: it starts, serves HTTP, hot-deploys, survives a kill and stops cleanly. */
class PlatformIT {

    private static final Duration SOON = Duration.ofSeconds(15);
    private static final String PROBE = "io.switchboard.it.probe";

    @TempDir
    Path scratch;

    @Test
    void startsEveryBundleServesHttpAndStopsCleanlyOnSigterm() throws IOException {
        try (SwitchboardProcess switchboard = SwitchboardProcess.start()) {
            System.out.println("Cold start, launch to first HTTP response: " + switchboard.startupTime().toMillis() + " ms");

            HttpResponse<String> unknown = switchboard.awaitHttp("/no-such-page", 404, SOON);
            assertEquals(switchboard.port(), unknown.uri().getPort());
            assertTrue(switchboard.logLines().stream().anyMatch(line -> line.endsWith("serving " + switchboard.baseUrl())),
                    "the launcher names the URL it serves on");

            BundleReport report = switchboard.bundleReport();
            assertEquals(List.of(), report.notActive());
            // FileInstall installs what already lies in deploy/ while the framework starts, so it counts too
            assertEquals(jarsIn(switchboard.home().resolve("bundles")) + jarsIn(switchboard.deployDirectory()),
                    report.active() + report.fragments(), "every jar of bundles/ and deploy/ is installed and active");

            assertEquals(0, switchboard.stop(), "exit code after SIGTERM");
            switchboard.awaitLog("Switchboard stopped", SOON);
        }
    }

    @Test
    void hotDeploysAndRemovesABundle() {
        Path probe = TestBundles.manifestOnly(scratch, PROBE, "1.0.0");
        try (SwitchboardProcess switchboard = SwitchboardProcess.start()) {
            switchboard.deploy(probe);
            switchboard.awaitLog("Bundle started: " + PROBE + " 1.0.0", SOON);

            switchboard.undeploy(probe.getFileName().toString());
            switchboard.awaitLog("Bundle uninstalled: " + PROBE + " 1.0.0", SOON);
        }
    }

    @Test
    void comesBackAfterAKillWithWhatIsInDeploy() {
        Path probe = TestBundles.manifestOnly(scratch, PROBE, "1.0.0");
        try (SwitchboardProcess switchboard = SwitchboardProcess.start()) {
            switchboard.deploy(probe);
            switchboard.awaitLog("Bundle started: " + PROBE, SOON);

            assertEquals(137, switchboard.kill(), "exit code of a JVM ended by SIGKILL");
            switchboard.restart();

            switchboard.awaitLog("Bundle started: " + PROBE, SOON);
            assertEquals(List.of(), switchboard.bundleReport().notActive());
            switchboard.awaitHttp("/no-such-page", 404, SOON);
            assertEquals(0, switchboard.stop());
        }
    }

    private static long jarsIn(Path bundles) throws IOException {
        try (Stream<Path> files = Files.walk(bundles)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).count();
        }
    }
}
