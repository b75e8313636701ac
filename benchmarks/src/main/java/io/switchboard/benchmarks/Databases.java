package io.switchboard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fresh, empty databases for each target, and their removal afterwards: an H2 file in a scratch
 * directory, or a PostgreSQL database created with {@code CREATE DATABASE} on the local server.
 */
final class Databases {
    private final BenchmarkSettings settings;
    private final Path distribution;
    private final String runId;
    private final List<String> postgresDatabases = new ArrayList<>();
    private final List<Path> h2Homes = new ArrayList<>();

    Databases(BenchmarkSettings settings, Path distribution, String runId) {
        this.settings = settings;
        this.distribution = distribution;
        this.runId = runId.toLowerCase(Locale.ROOT);
    }

    /**
     * The system properties that point Switchboard at a fresh database of {@code kind}: none for H2,
     * which Switchboard creates in its (fresh) home.
     */
    Map<String, String> forSwitchboard(DatabaseKind kind) {
        if (kind == DatabaseKind.H2) {
            return Map.of();
        }
        JdbcTarget database = createPostgres("switchboard");
        return Map.of("switchboard.db.url", database.url(), "switchboard.db.user", database.user());
    }

    /** A fresh database of {@code kind} for the baseline, H2 with the store's own URL options. */
    JdbcTarget forBaseline(DatabaseKind kind) {
        if (kind == DatabaseKind.POSTGRESQL) {
            return createPostgres("baseline");
        }
        try {
            Path home = Files.createDirectories(settings.work()).resolve("baseline-" + runId);
            h2Homes.add(home);
            return new JdbcTarget(StoreH2Url.embedded(distribution, home), "sa", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database product and version, e.g. "PostgreSQL 15.13". */
    String describe(DatabaseKind kind) {
        JdbcTarget database = kind == DatabaseKind.POSTGRESQL
                ? new JdbcTarget(settings.postgresUrl(), settings.postgresUser(), null)
                : new JdbcTarget("jdbc:h2:mem:version", "sa", "");
        try (Connection connection = connect(database)) {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach " + database, e);
        }
    }

    /** Drops the databases created so far; call when nothing uses them any more. */
    void dropAll() {
        List<String> failures = new ArrayList<>();
        for (Path home : List.copyOf(h2Homes)) {
            try {
                Directories.delete(home);
                h2Homes.remove(home);
            } catch (UncheckedIOException e) {
                failures.add(home + ": " + e.getCause().getMessage());
            }
        }
        for (String name : List.copyOf(postgresDatabases)) {
            try (Connection connection = connect(maintenance()); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
                postgresDatabases.remove(name);
            } catch (SQLException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Could not drop " + failures);
        }
    }

    private JdbcTarget createPostgres(String purpose) {
        String name = "switchboard_bench_" + runId + "_" + purpose;
        try (Connection connection = connect(maintenance()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name + " on " + settings.postgresUrl(), e);
        }
        postgresDatabases.add(name);
        return new JdbcTarget(siblingUrl(settings.postgresUrl(), name), settings.postgresUser(), null);
    }

    private JdbcTarget maintenance() {
        return new JdbcTarget(settings.postgresUrl(), settings.postgresUser(), null);
    }

    /** {@code jdbc:postgresql://host:port/postgres?x=y} with another database name. */
    static String siblingUrl(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    private static Connection connect(JdbcTarget database) throws SQLException {
        try {
            Class.forName(database.driverClassName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The JDBC driver is missing from the class path", e);
        }
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
