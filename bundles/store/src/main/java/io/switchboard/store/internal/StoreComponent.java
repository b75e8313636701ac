package io.switchboard.store.internal;

import io.switchboard.store.Store;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link Store} service once the database is migrated and open. The component itself
 * offers no service: registering {@code Store} only when it works means every component referencing
 * it can use it at once, and none of them waits on a half-started database.
 *
 * <p>Reads the framework properties {@code switchboard.db.url}, {@code switchboard.db.user},
 * {@code switchboard.db.password} and {@code switchboard.home} (see {@link StoreSettings}).
 */
@Component(immediate = true)
public class StoreComponent {
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private StoreStarter starter;

    @Activate
    void activate(BundleContext context) {
        StoreSettings settings = StoreSettings.fromProperties(context::getProperty);
        LOG.info("Store starting on {}", settings.redactedUrl());
        starter = new StoreStarter(settings, StoreComponent::open, store -> register(context, store), RETRY_DELAY);
        starter.start();
    }

    private static HibernateStore open(StoreSettings settings) {
        JdbcDrivers.register(settings.driverClassName());
        return new HibernateStore(settings);
    }

    @Deactivate
    void deactivate() {
        starter.stop();
        JdbcDrivers.deregisterOwn();
    }

    private static StoreStarter.Publication register(BundleContext context, HibernateStore store) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, store.description());
        ServiceRegistration<Store> registration = context.registerService(Store.class, store, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Store service was already unregistered with its bundle", e);
            }
        };
    }
}
