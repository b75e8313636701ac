package io.switchboard.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline receiver: a plain Jetty 12 server on 127.0.0.1 in this JVM with {@link BaselineHandler},
 * storing through a HikariCP pool the size of Switchboard's store pool.
 */
final class BaselineServer implements Target {
    /** The same as the store's pool (HibernateBootstrap.POOL_SIZE). */
    static final int POOL_SIZE = 10;
    private static final String INSTANCE = "bench";

    private final String secret;
    private final HikariDataSource pool;
    private final Server server;
    private final ServerConnector connector;

    private BaselineServer(JdbcTarget database, String secret) throws Exception {
        this.secret = secret;
        this.pool = pool(database);
        createSchema();
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new BaselineHandler(INSTANCE, secret, pool));
        server.start();
    }

    /** Starts a server storing into {@code database}, which must be empty. */
    static BaselineServer start(JdbcTarget database, String secret) {
        try {
            return new BaselineServer(database, secret);
        } catch (Exception e) {
            throw new IllegalStateException("The baseline server did not start on " + database, e);
        }
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public HookEndpoint endpoint() {
        return new HookEndpoint(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hooks/" + INSTANCE
                + "/messages"), () -> new SignedMessages(secret));
    }

    @Override
    public String verifyStored(long messages, long tickets) {
        long stored = count();
        if (stored != messages) {
            throw new IllegalStateException("The baseline acknowledged " + messages + " events but stored " + stored);
        }
        return stored + " events stored";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The baseline server did not stop", e);
        } finally {
            pool.close();
        }
    }

    private long count() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + BaselineHandler.TABLE)) {
            rows.next();
            long count = rows.getLong(1);
            connection.commit();
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the baseline's events", e);
        }
    }

    private void createSchema() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(BaselineHandler.SCHEMA);
            connection.commit();
        }
    }

    private static HikariDataSource pool(JdbcTarget database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("baseline");
        config.setJdbcUrl(database.url());
        config.setDriverClassName(database.driverClassName());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(POOL_SIZE);
        // each request commits explicitly, as the store's transactions do
        config.setAutoCommit(false);
        return new HikariDataSource(config);
    }
}
