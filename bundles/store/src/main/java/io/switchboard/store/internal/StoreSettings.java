package io.switchboard.store.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the store keeps its data: a JDBC URL and the credentials for it.
 *
 * @param jdbcUrl  an H2 or PostgreSQL JDBC URL
 * @param user     the database user, or {@code null} for the driver's default
 * @param password the user's password, or {@code null} for none
 */
public record StoreSettings(String jdbcUrl, String user, String password) {

    /** Framework property with the JDBC URL; PostgreSQL is chosen by pointing it at a server. */
    public static final String URL_PROPERTY = "switchboard.db.url";
    public static final String USER_PROPERTY = "switchboard.db.user";
    public static final String PASSWORD_PROPERTY = "switchboard.db.password";
    /** Framework property naming Switchboard's home directory; the embedded database lives below it. */
    public static final String HOME_PROPERTY = "switchboard.home";

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";
    /*
     * H2's "retry" file system: interrupting a thread while it writes closes a plain FileChannel,
     * and H2 then closes the whole database for every other connection until the process restarts.
     * Threads are interrupted routinely inside OSGi (executors shut down when bundles stop), and with
     * WRITE_DELAY=0 it is the committing thread that writes. "retry:" reopens the file and repeats
     * the write instead.
     */
    private static final String H2_RETRY_FILE_SYSTEM = "retry:";

    /*
     * Options for the embedded database, each needed for a reason:
     *
     * WRITE_DELAY=0: H2 (MVStore) otherwise writes committed changes to the file from a background
     * thread up to 500 ms after the commit returned, so killing the process loses commits that were
     * already acknowledged. With 0, the committing thread itself writes its changes to the file before
     * COMMIT returns (TransactionStore.endTransaction calls MVStore.commit() when the auto-commit delay
     * is 0). That survives kill -9, because the written data is in the operating system's page cache;
     * only a power failure could still lose it, as H2 does not fsync each commit.
     *
     * DB_CLOSE_ON_EXIT=FALSE: the store closes the database itself when its bundle stops. H2's own JVM
     * shutdown hook would otherwise race the framework's orderly shutdown and fail transactions still
     * in flight; nothing is lost without it, since every commit is already on disk.
     *
     * LOCK_TIMEOUT=10000: an insert that collides with a concurrent, not yet committed insert of the
     * same unique key waits for that transaction. H2's default of 1 s can expire on a busy machine and
     * would surface as a lock timeout instead of the unique violation that tells the caller "already
     * stored".
     *
     * QUERY_CACHE_SIZE=32: H2 keeps the parsed form of only 8 statements per connection by default; one
     * stored message runs about ten distinct statements, so each evicted the next and every statement
     * was parsed again (15 % of the CPU under load).
     */
    private static final String H2_OPTIONS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=32";

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("The JDBC URL is empty");
        }
    }

    /** The embedded H2 database in {@code home/data/db}, owned by H2's default administrator. */
    public static StoreSettings embedded(Path home) {
        return new StoreSettings(embeddedUrl(home), "sa", "");
    }

    static String embeddedUrl(Path home) {
        Path file = home.toAbsolutePath().normalize().resolve("data").resolve("db").resolve("switchboard");
        return H2_FILE_PREFIX + H2_RETRY_FILE_SYSTEM + file + H2_OPTIONS;
    }

    /**
     * Settings from framework properties: the configured database if {@value #URL_PROPERTY} is set,
     * otherwise the embedded one under {@value #HOME_PROPERTY} (or the working directory).
     */
    public static StoreSettings fromProperties(UnaryOperator<String> properties) {
        String url = blankToNull(properties.apply(URL_PROPERTY));
        String user = blankToNull(properties.apply(USER_PROPERTY));
        String password = properties.apply(PASSWORD_PROPERTY);
        if (url == null) {
            String home = blankToNull(properties.apply(HOME_PROPERTY));
            StoreSettings embedded = embedded(Path.of(home == null ? "" : home));
            return new StoreSettings(embedded.jdbcUrl(),
                    user == null ? embedded.user() : user,
                    password == null ? embedded.password() : password);
        }
        return new StoreSettings(url, user, password);
    }

    boolean isH2() {
        return jdbcUrl.startsWith(H2_PREFIX);
    }

    /** The JDBC driver for this URL, named so that no lookup through {@code DriverManager} is needed. */
    String driverClassName() {
        if (isH2()) {
            return "org.h2.Driver";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new IllegalArgumentException("Unsupported database URL (H2 or PostgreSQL only): " + redactedUrl());
    }

    /** For H2 file databases, the database file's path without extension; otherwise {@code null}. */
    String h2File() {
        if (!jdbcUrl.startsWith(H2_FILE_PREFIX)) {
            return null;
        }
        String rest = jdbcUrl.substring(H2_FILE_PREFIX.length());
        if (rest.startsWith(H2_RETRY_FILE_SYSTEM)) {
            rest = rest.substring(H2_RETRY_FILE_SYSTEM.length());
        }
        int options = rest.indexOf(';');
        return options < 0 ? rest : rest.substring(0, options);
    }

    /** The URL without any query part, where PostgreSQL URLs may carry a password. */
    String redactedUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "StoreSettings[" + redactedUrl() + ", user=" + user + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
