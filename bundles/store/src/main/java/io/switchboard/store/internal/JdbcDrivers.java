package io.switchboard.store.internal;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this bundle's JDBC drivers in {@link DriverManager} only while the store runs. The drivers
 * register themselves once, when their class is first loaded; HikariCP looks there first (and warns
 * when the driver is missing), while the registry would keep the bundle's class loader alive after an
 * update or uninstall. So the store's driver is registered when the component starts and every
 * driver of this bundle is removed when it stops.
 */
final class JdbcDrivers {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDrivers.class);

    private JdbcDrivers() {
    }

    static void register(String driverClassName) {
        ClassLoader own = JdbcDrivers.class.getClassLoader();
        try {
            // Loading the class runs its self-registration the first time.
            Class<?> type = Class.forName(driverClassName, true, own);
            for (Driver driver : Collections.list(DriverManager.getDrivers())) {
                if (driver.getClass() == type) {
                    return;
                }
            }
            DriverManager.registerDriver((Driver) type.getConstructor().newInstance());
        } catch (ReflectiveOperationException | SQLException | RuntimeException e) {
            // The store still works: the pool then creates the driver directly.
            LOG.warn("Could not register JDBC driver {}", driverClassName, e);
        }
    }

    static void deregisterOwn() {
        ClassLoader own = JdbcDrivers.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn("Could not deregister JDBC driver {}", driver.getClass().getName(), e);
                }
            }
        }
    }
}
