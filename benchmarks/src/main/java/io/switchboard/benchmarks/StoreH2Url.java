package io.switchboard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The JDBC URL the store bundle uses for its embedded H2 database, taken from the store bundle of the
 * distribution itself, so that the baseline's H2 file has exactly the store's durability options
 * (write delay, lock timeout, file system) however these change.
 */
final class StoreH2Url {
    private static final String SETTINGS_CLASS = "io.switchboard.store.internal.StoreSettings";

    private StoreH2Url() {
    }

    /** The URL of an embedded database in {@code home/data/db}, as the store would open it. */
    static String embedded(Path distribution, Path home) {
        Path jar = storeJar(distribution);
        // The settings record uses only the JDK, so the platform class loader is parent enough.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> settings = loader.loadClass(SETTINGS_CLASS);
            Object embedded = settings.getMethod("embedded", Path.class).invoke(null, home);
            return (String) settings.getMethod("jdbcUrl").invoke(embedded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
            throw new IllegalStateException("Cannot ask " + jar.getFileName() + " for its H2 URL through "
                    + SETTINGS_CLASS + ".embedded(Path)", cause);
        }
    }

    private static Path storeJar(Path distribution) {
        Path core = distribution.resolve("bundles").resolve("4-core");
        try (Stream<Path> jars = Files.list(core)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("switchboard-store-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No store bundle in " + core
                            + ": build the distribution first (see benchmarks/README.md)"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + core, e);
        }
    }
}
