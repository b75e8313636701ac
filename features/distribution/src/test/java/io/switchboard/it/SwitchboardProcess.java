package io.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The assembled distribution running as a separate process, the way an admin runs it
 * ({@code java -jar switchboard.jar}), on a private copy of {@code target/switchboard} and a free
 * port. End-to-end tests drive it over HTTP and through its {@code deploy/} folder.
 *
 * <pre>{@code
 * try (SwitchboardProcess switchboard = SwitchboardProcess.builder()
 *         .systemProperty("switchboard.db.url", "jdbc:...").start()) {
 *     switchboard.deploy(SwitchboardProcess.connector("switchboard-connector-webhook-generic"));
 *     switchboard.awaitHttp("/health", 200, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Everything the process prints goes to {@code <home>/data/log/stdout.log}; when something does
 * not happen in time, the assertion message carries the last lines of it.
 */
public final class SwitchboardProcess implements AutoCloseable {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than the launcher's own 30 s for stopping the bundles, so its verdict comes first. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final int TAIL_LINES = 100;
    private static final Pattern STARTED = Pattern.compile("Switchboard started in \\d+ ms, serving ");

    private final Path home;
    private final boolean freshHome;
    private final int port;
    private final List<String> command;
    private final Duration startTimeout;
    private final LogFile log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process process;
    private Duration startupTime;
    private boolean keepHome;

    private SwitchboardProcess(Builder builder) {
        this.freshHome = builder.home == null;
        this.home = freshHome ? DistributionCopy.create(distribution(), homesRoot()) : builder.home;
        this.port = freePort();
        this.startTimeout = builder.startTimeout;
        this.log = new LogFile(home.resolve("data").resolve("log").resolve("stdout.log"));
        this.command = command(builder);
    }

    /** Starts a fresh distribution with default settings. */
    public static SwitchboardProcess start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new private copy of the distribution, for a test that prepares a home before the first
     * start (a jar already in deploy/, an edited etc/); pass it to {@link Builder#home(Path)}.
     */
    public static Path newHome() {
        return DistributionCopy.create(distribution(), homesRoot());
    }

    /** The assembled distribution, {@code target/switchboard}, that homes are copied from. */
    public static Path distribution() {
        return requiredDirectory("switchboard.dist");
    }

    /** A connector jar built by this reactor, from {@code target/connectors}, e.g. for {@link #deploy(Path)}. */
    public static Path connector(String artifactId) {
        Path connectors = requiredDirectory("switchboard.connectors");
        try (var jars = Files.list(connectors)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(artifactId + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + artifactId + " jar in " + connectors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- where it runs ---------------------------------------------------------------------------

    public Path home() {
        return home;
    }

    public Path deployDirectory() {
        return home.resolve("deploy");
    }

    public Path logFile() {
        return log.path();
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>/} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** {@code path} relative to {@link #baseUrl()}; a leading slash is allowed. */
    public URI uri(String path) {
        return baseUrl().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** A client for the tests' own requests. */
    public HttpClient http() {
        return http;
    }

    // --- observing it ----------------------------------------------------------------------------

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** From launching the JVM to the first HTTP response of the last start. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The output of the current (or last) run, line by line. */
    public List<String> logLines() {
        return log.currentRun();
    }

    /** The launcher's summary of the bundles after the last start. */
    public BundleReport bundleReport() {
        return BundleReport.find(logLines())
                .orElseThrow(() -> new AssertionError("No bundle report in the log" + log.tail(TAIL_LINES)));
    }

    /** Sends GET {@code path} until it answers {@code expectedStatus}; returns that response. */
    public HttpResponse<String> awaitHttp(String path, int expectedStatus, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            assertRunning("while waiting for " + expectedStatus + " from GET " + path);
            try {
                HttpResponse<String> response = get(path);
                if (response.statusCode() == expectedStatus) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw failure("GET " + path + " did not answer " + expectedStatus + " within " + timeout.toMillis()
                        + " ms; last: " + last);
            }
            pause();
        }
    }

    /** One GET, as it comes. */
    public HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** Waits until a line of the current run contains {@code text}; returns that line. */
    public String awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = logLines().stream().filter(candidate -> candidate.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() > deadline) {
                throw failure("No line containing '" + text + "' within " + timeout.toMillis() + " ms");
            }
            pause();
        }
    }

    // --- hot deploy ------------------------------------------------------------------------------

    /** Drops {@code jar} into {@code deploy/} under its own file name. */
    public Path deploy(Path jar) {
        return deploy(jar, jar.getFileName().toString());
    }

    /**
     * Drops {@code jar} into {@code deploy/} as {@code fileName}, replacing a file of that name. It is
     * written elsewhere first and then renamed into place, so FileInstall never sees half a jar.
     */
    public Path deploy(Path jar, String fileName) {
        try {
            return moveIntoDeploy(stage(fileName, staged -> Files.copy(jar, staged)), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot deploy " + jar, e);
        }
    }

    /** Writes a {@code .cfg} or {@code .config} file into {@code deploy/}, atomically like {@link #deploy(Path)}. */
    public Path writeDeployFile(String fileName, String content) {
        try {
            return moveIntoDeploy(stage(fileName, staged -> Files.writeString(staged, content, StandardCharsets.UTF_8)),
                    fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + fileName + " into deploy/", e);
        }
    }

    /** Removes a file from {@code deploy/}; FileInstall uninstalls the bundle or deletes the configuration. */
    public void undeploy(String fileName) {
        try {
            Files.delete(deployDirectory().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + fileName + " from deploy/", e);
        }
    }

    private interface StagedWrite {
        void into(Path staged) throws IOException;
    }

    /** Staging lies in data/, on the same file system as deploy/ (so the rename is atomic) but out of FileInstall's sight. */
    private Path stage(String fileName, StagedWrite write) throws IOException {
        Path staging = Files.createDirectories(home.resolve("data").resolve("staging"));
        Path staged = staging.resolve(fileName + "." + UUID.randomUUID() + ".part");
        write.into(staged);
        return staged;
    }

    private Path moveIntoDeploy(Path staged, String fileName) throws IOException {
        return Files.move(staged, deployDirectory().resolve(fileName),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // --- life cycle ------------------------------------------------------------------------------

    /**
     * Stops it the way a service manager does (SIGTERM) and waits for the process to end.
     *
     * @return the exit code: 0 for a clean stop
     */
    public int stop() {
        if (process == null) {
            throw new IllegalStateException("Not started");
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw failure("Did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; killed");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills it without warning, as {@code kill -9} does: on Linux and other Unix systems
     * {@link Process#destroyForcibly()} sends SIGKILL.
     *
     * @return the exit code, 137 (128 + SIGKILL) on Linux
     */
    public int kill() {
        if (process == null) {
            throw new IllegalStateException("Not started");
        }
        try {
            return process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts it again on the same home, data and port; stops it cleanly first if it still runs. */
    public SwitchboardProcess restart() {
        if (isRunning()) {
            int exitCode = stop();
            if (exitCode != 0) {
                throw failure("Clean stop before restart exited with " + exitCode);
            }
        }
        launch();
        return this;
    }

    /** Stops it if it still runs, and deletes a home this harness created unless something failed in it. */
    @Override
    public void close() {
        try {
            if (isRunning()) {
                stop();
            }
        } finally {
            if (freshHome && !keepHome) {
                DistributionCopy.delete(home);
            }
        }
    }

    private void launch() {
        log.markRunStart();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.path().toFile()));
        long launched = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        OrphanGuard.watch(process);
        awaitStarted(launched);
    }

    /** Up means: HTTP answers on the port, and the launcher has reported the bundles and its URL. */
    private void awaitStarted(long launched) {
        long deadline = launched + startTimeout.toNanos();
        startupTime = null;
        while (true) {
            assertRunning("during start-up");
            if (startupTime == null && answersHttp()) {
                startupTime = Duration.ofNanos(System.nanoTime() - launched);
            }
            if (startupTime != null && logLines().stream().anyMatch(line -> STARTED.matcher(line).find())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw failure("Not up within " + startTimeout.toSeconds() + " s (HTTP "
                        + (startupTime == null ? "not answering" : "answering") + " on port " + port + "); killed");
            }
            pause();
        }
    }

    private boolean answersHttp() {
        try {
            get("/");
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void assertRunning(String when) {
        if (process == null || !process.isAlive()) {
            throw failure("The process exited " + when
                    + (process == null ? "" : " with code " + process.exitValue()));
        }
    }

    private AssertionError failure(String message) {
        keepHome = true;
        return new AssertionError(message + " [home " + home + "]" + log.tail(TAIL_LINES));
    }

    private List<String> command(Builder builder) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(builder.jvmArguments);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("org.osgi.service.http.port", Integer.toString(port));
        properties.put("java.io.tmpdir", home.resolve("data").resolve("tmp").toString());
        properties.putAll(builder.systemProperties);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-jar");
        command.add(home.resolve("switchboard.jar").toString());
        return command;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path homesRoot() {
        String configured = System.getProperty("switchboard.it.homes");
        return configured != null ? Path.of(configured) : distribution().resolveSibling("it-homes");
    }

    private static Path requiredDirectory(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through Maven (failsafe)");
        }
        return Path.of(value);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What differs between tests: an existing home to restart over, system properties, JVM options. */
    public static final class Builder {

        private Path home;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmArguments = new ArrayList<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /**
         * Runs over an existing home, e.g. one from {@link #newHome()} or one an earlier process
         * left with its data, instead of a fresh copy; such a home is not deleted on close.
         */
        public Builder home(Path existingHome) {
            this.home = existingHome;
            return this;
        }

        /** A {@code -Dname=value} for the process; framework properties of the same name are overridden. */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** Any other JVM option, e.g. {@code -Xmx256m}. */
        public Builder jvmArgument(String argument) {
            jvmArguments.add(argument);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public SwitchboardProcess start() {
            SwitchboardProcess switchboard = new SwitchboardProcess(this);
            switchboard.launch();
            return switchboard;
        }
    }
}
