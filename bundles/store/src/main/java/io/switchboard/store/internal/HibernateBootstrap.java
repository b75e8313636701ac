package io.switchboard.store.internal;

import io.switchboard.store.entity.AgentRow;
import io.switchboard.store.entity.ApiTokenRow;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.BridgeStateRow;
import io.switchboard.store.entity.CallRow;
import io.switchboard.store.entity.CallbackRequestRow;
import io.switchboard.store.entity.ChangeRow;
import io.switchboard.store.entity.ChannelInstanceKindRow;
import io.switchboard.store.entity.ConsentRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.CustomerKeywordRow;
import io.switchboard.store.entity.CustomerMergeRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.ExternalRefRow;
import io.switchboard.store.entity.IdentityRow;
import io.switchboard.store.entity.InboundEventRow;
import io.switchboard.store.entity.MediaRow;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.store.entity.OutboundCallRow;
import io.switchboard.store.entity.ParkedWebhookRow;
import io.switchboard.store.entity.TicketRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.hikaricp.internal.HikariCPConnectionProvider;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Builds the session factory in code: the entities are listed here rather than found by scanning,
 * and there is no persistence.xml, both of which need class-path tricks inside OSGi.
 */
final class HibernateBootstrap {

    static final List<Class<?>> ENTITIES = List.of(
            CustomerRow.class, IdentityRow.class, CustomerMergeRow.class, TicketRow.class,
            ConversationRow.class, EntryRow.class, AttachmentRow.class, InboundEventRow.class,
            OutboxRow.class, ApiTokenRow.class, ConsentRow.class, ChangeRow.class, ExternalRefRow.class,
            BridgeStateRow.class, MediaRow.class, CustomerKeywordRow.class, CallRow.class,
            ChannelInstanceKindRow.class, ParkedWebhookRow.class, AgentRow.class, OutboundCallRow.class,
            CallbackRequestRow.class);

    private static final int POOL_SIZE = 10;

    private HibernateBootstrap() {
    }

    static SessionFactory build(StoreSettings settings, ClassLoader loader, ChangeCapture capture) {
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder()
                .applyClassLoader(loader)
                .applyIntegrator(new Integrator() {
                    @Override
                    public void integrate(Metadata metadata, BootstrapContext context, SessionFactoryImplementor factory) {
                        EventListenerRegistry listeners = factory.getServiceRegistry().requireService(EventListenerRegistry.class);
                        listeners.appendListeners(EventType.POST_INSERT, capture);
                        listeners.appendListeners(EventType.POST_UPDATE, capture);
                    }

                    @Override
                    public void disintegrate(SessionFactoryImplementor factory, SessionFactoryServiceRegistry registry) {
                    }
                })
                .build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySettings(properties(settings))
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            ENTITIES.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException | Error e) {
            // also closes the pool if it was already started
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static Map<String, Object> properties(StoreSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AvailableSettings.JAKARTA_JDBC_URL, settings.jdbcUrl());
        properties.put(AvailableSettings.JAKARTA_JDBC_DRIVER, settings.driverClassName());
        if (settings.user() != null) {
            properties.put(AvailableSettings.JAKARTA_JDBC_USER, settings.user());
        }
        if (settings.password() != null) {
            properties.put(AvailableSettings.JAKARTA_JDBC_PASSWORD, settings.password());
        }
        properties.put(AvailableSettings.CONNECTION_PROVIDER, HikariCPConnectionProvider.class.getName());
        properties.put("hibernate.hikari.poolName", "switchboard-store");
        properties.put("hibernate.hikari.maximumPoolSize", String.valueOf(POOL_SIZE));
        // The schema belongs to the migrations; Hibernate only checks that the entities match it.
        properties.put(AvailableSettings.HBM2DDL_AUTO, "validate");
        // No XML mappings exist, so none are looked for.
        properties.put(AvailableSettings.XML_MAPPING_ENABLED, false);
        // Committing a transaction marked rollback-only must fail rather than silently roll back,
        // or a caller could acknowledge something that was never stored.
        properties.put(AvailableSettings.JPA_TRANSACTION_COMPLIANCE, true);
        return properties;
    }
}
