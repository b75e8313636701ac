package io.switchboard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which Switchboard was measured: the source commit checked out when the run started, and the version of
 * the distribution's store bundle, whose qualifier is the time it was built (the distribution may be
 * older than the checkout).
 *
 * @param commit        {@code git describe --always --dirty} of the repository, or "unknown"
 * @param bundleVersion the store bundle's {@code Bundle-Version}, or "unknown"
 */
record Build(String commit, String bundleVersion) {
    private static final String UNKNOWN = "unknown";

    static Build of(Path distribution) {
        return new Build(commit(distribution), bundleVersion(distribution));
    }

    private static String commit(Path inRepository) {
        try {
            Process git = new ProcessBuilder("git", "-C", inRepository.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            try (InputStream output = git.getInputStream()) {
                String text = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
                boolean done = git.waitFor(10, TimeUnit.SECONDS);
                return done && git.exitValue() == 0 && !text.isEmpty() ? text : UNKNOWN;
            }
        } catch (IOException notAvailable) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    private static String bundleVersion(Path distribution) {
        try (Stream<Path> jars = Files.list(distribution.resolve("bundles").resolve("4-core"))) {
            Path store = jars.filter(jar -> jar.getFileName().toString().startsWith("switchboard-store-")).findFirst()
                    .orElse(null);
            if (store == null) {
                return UNKNOWN;
            }
            try (JarFile jar = new JarFile(store.toFile())) {
                String version = jar.getManifest().getMainAttributes().getValue("Bundle-Version");
                return version == null ? UNKNOWN : version;
            }
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
