package io.switchboard.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Bundles made on the spot, for tests of the deploy mechanics. */
final class TestBundles {

    private TestBundles() {
    }

    /** A valid bundle with a manifest only: it resolves and starts anywhere. */
    static Path manifestOnly(Path directory, String symbolicName, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        Path jar = directory.resolve(symbolicName + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same bundle with another {@code Bundle-Version}, written into {@code directory}: dropped over
     * the original in {@code deploy/}, it makes FileInstall perform a real bundle update.
     */
    static Path withVersion(Path jar, String version, Path directory) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path updated = directory.resolve(name + "-" + version + ".jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream file = Files.newOutputStream(updated); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return updated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot re-version " + jar, e);
        }
    }
}
