package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the store's contract on the local PostgreSQL server (trust authentication, database
 * {@code test}), each database in a schema of its own that is dropped afterwards. Fails, rather than
 * skips, when the server is not there: CI provides it. Override the server with the system properties
 * {@code switchboard.test.postgres.url} and {@code switchboard.test.postgres.user}.
 */
class PostgresStoreTest extends StoreContractTest {
    private static final String SERVER = System.getProperty("switchboard.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("switchboard.test.postgres.user", "postgres");

    private final List<String> schemas = new ArrayList<>();

    @Override
    StoreSettings freshDatabase() throws SQLException {
        String schema = "store_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        String separator = SERVER.contains("?") ? "&" : "?";
        return new StoreSettings(SERVER + separator + "currentSchema=" + schema, USER, null);
    }

    @AfterAll
    void dropSchemas() throws SQLException {
        for (String schema : schemas) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void describesTheServer() {
        String description = store.description();
        assertTrue(description.startsWith("PostgreSQL "), description);
        assertTrue(description.toLowerCase(Locale.ROOT).contains("database test"), description);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
