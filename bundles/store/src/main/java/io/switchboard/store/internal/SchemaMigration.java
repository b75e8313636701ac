package io.switchboard.store.internal;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the database schema up to date with the scripts in {@code db/migration}. */
final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    static final String LOCATION = "classpath:db/migration";

    private SchemaMigration() {
    }

    /**
     * Runs the pending migrations. {@code loader} must see the scripts: Flyway scans it, and inside
     * OSGi it recognises this bundle's {@code bundle://} URLs and lists the bundle's entries.
     */
    static void migrate(StoreSettings settings, ClassLoader loader) {
        Flyway flyway = Flyway.configure(loader)
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .driver(settings.driverClassName())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                // Flyway's own detection looks for an SLF4J provider through ServiceLoader, which
                // inside OSGi only the SLF4J API bundle can see, and would fall back to JUL.
                .loggers("slf4j")
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Database schema migrated from version {} to {}",
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion);
        }
    }
}
