package io.switchboard.store.testing;

import io.switchboard.store.internal.HibernateStore;
import io.switchboard.store.internal.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** A real store for the tests of every core bundle: an H2 file in a temporary folder, or a fresh schema in the local PostgreSQL. */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { H2, POSTGRESQL }

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private final HibernateStore store;
    private final Path folder;
    private final String schema;

    private TestDatabase(HibernateStore store, Path folder, String schema) {
        this.store = store;
        this.folder = folder;
        this.schema = schema;
    }

    public static TestDatabase open(Kind kind) {
        if (kind == Kind.H2) {
            try {
                Path folder = Files.createTempDirectory("switchboard-test");
                return new TestDatabase(new HibernateStore(StoreSettings.embedded(folder)), folder, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute("create schema " + schema);
        return new TestDatabase(new HibernateStore(new StoreSettings(POSTGRES + "?currentSchema=" + schema,
                "postgres", null)), null, schema);
    }

    public HibernateStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        if (schema != null) {
            execute("drop schema " + schema + " cascade");
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES + " is needed by this test: " + e.getMessage(), e);
        }
    }
}
