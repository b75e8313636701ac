package io.switchboard.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The distribution root and its well-known folders. Everything is found relative to it, never to
 * the working directory, so {@code java -jar path/to/switchboard.jar} works from anywhere.
 */
record Home(Path root) {

    static final String PROPERTY = "switchboard.home";

    /** {@code -Dswitchboard.home} if given, otherwise the directory that holds the launcher jar. */
    static Home locate() throws LaunchException {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new Home(Path.of(configured).toAbsolutePath().normalize());
        }
        Path launcher = launcherLocation();
        if (!Files.isRegularFile(launcher)) {
            throw new LaunchException("Not started from switchboard.jar (" + launcher + "): set -D" + PROPERTY);
        }
        return new Home(launcher.getParent());
    }

    private static Path launcherLocation() throws LaunchException {
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new LaunchException("Cannot tell where switchboard.jar is: set -D" + PROPERTY);
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new LaunchException("Cannot tell where switchboard.jar is: set -D" + PROPERTY, e);
        }
    }

    Path bundles() {
        return root.resolve("bundles");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path data() {
        return root.resolve("data");
    }

    /** Creates the folders that a fresh or hand-trimmed installation may lack. */
    void createWritableFolders() throws LaunchException {
        if (!Files.isDirectory(bundles())) {
            throw new LaunchException("No bundles folder in " + root + ": is " + PROPERTY + " the distribution root?");
        }
        try {
            Files.createDirectories(deploy());
            Files.createDirectories(data());
        } catch (IOException e) {
            throw new LaunchException("Cannot create deploy/ and data/ in " + root + ": " + e, e);
        }
    }
}
