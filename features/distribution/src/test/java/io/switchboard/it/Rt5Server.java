package io.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Request Tracker 5 that {@code connectors/bridge-rt/src/test/rt5/rt5.sh} installs (Debian
 * packages, when missing), starts, stops and resets. There is one per machine: its site configuration
 * lives in /etc.
 */
final class Rt5Server {
    /** Long enough for a first {@code apt-get install} of RT and its ~260 dependencies on a slow mirror. */
    static final Duration INSTALL_AND_START = Duration.ofMinutes(20);
    private static final Duration STOP = Duration.ofMinutes(2);

    private Rt5Server() {
    }

    /** The script, beside the RT bridge's own tests; the failsafe JVM runs in this module's directory. */
    static Path script() {
        String configured = System.getProperty("switchboard.rt5.script");
        Path script = configured != null ? Path.of(configured)
                : Path.of("").toAbsolutePath().resolve("../../connectors/bridge-rt/src/test/rt5/rt5.sh").normalize();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("No RT test server script at " + script);
        }
        return script;
    }

    /**
     * A running RT on a freshly initialised database: {@code reset} stops it when it runs, puts the
     * pristine database in place and starts it, installing RT first when it is missing.
     */
    static URI reset() {
        return URI.create(run("reset", INSTALL_AND_START));
    }

    /** Starts it again on the database it had, installing it first when it is missing. */
    static URI start() {
        return URI.create(run("start", INSTALL_AND_START));
    }

    static void stop() {
        run("stop", STOP);
    }

    /** Runs one command of the script; returns the last line it printed on stdout (the URL for start and reset). */
    private static String run(String command, Duration timeout) {
        Path script = script();
        try {
            Path out = Files.createTempFile("rt5-" + command, ".out");
            Path err = Files.createTempFile("rt5-" + command, ".err");
            try {
                // Output to files, not pipes: rt-server, started in the background, must not hold a pipe open.
                Process process = new ProcessBuilder("bash", script.toString(), command)
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("rt5.sh " + command + " did not finish within " + timeout + tail(err));
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("rt5.sh " + command + " exited with " + process.exitValue() + tail(err));
                }
                List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
                return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return "\n--- rt5.sh stderr ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
