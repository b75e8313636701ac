package io.switchboard.bridges.internal;

import io.switchboard.api.bridge.BridgeType;
import io.switchboard.api.channel.Health;
import io.switchboard.bridges.BridgeRuntime;
import io.switchboard.channels.ConfigSchema;
import io.switchboard.channels.ConfigSchemas;
import io.switchboard.channels.ConfiguredInstances;
import io.switchboard.channels.InstanceInfo;
import io.switchboard.channels.InvalidConfigurationException;
import io.switchboard.store.Store;
import io.switchboard.tickets.TicketService;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge runtime. For every installed {@link BridgeType} it registers a ManagedServiceFactory for
 * the type's factory PID, so configurations — files in {@code deploy/} or ConfigAdmin — create, update
 * and remove bridge instances. Each instance follows the change stream from its own cursor.
 *
 * <p>Framework properties: {@code switchboard.bridges.pollMillis} (default 500) and {@code
 * switchboard.bridges.initialBackoffMillis} (default 1000).
 */
@Component(service = BridgeRuntime.class, immediate = true)
public class BridgeRuntimeImpl implements BridgeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeRuntimeImpl.class);
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaTypes;
    private final Store store;
    private final TicketService tickets;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Object lock = new Object();
    private final Map<String, TypeEntry> types = new ConcurrentHashMap<>();
    private final ConfiguredInstances<BridgeHandle> instances =
            new ConfiguredInstances<>(lock, LOG, "Bridge", handle -> handle.pid, BridgeHandle::dispose);
    private final Map<String, BridgeHandle> running = instances.running();
    private final Map<String, Health> notRunning = instances.notRunning();

    private static final class TypeEntry {
        final BridgeType type;
        final Bundle bundle;
        final String pid;
        ObjectClassDefinition ocd;
        ConfigSchema schema;
        ServiceRegistration<ManagedServiceFactory> factory;

        TypeEntry(BridgeType type, Bundle bundle) {
            this.type = type;
            this.bundle = bundle;
            this.pid = BridgeType.configurationPid(type.id());
        }
    }

    /** Bridges only start once the store and the ticket service are there; they need both at once. */
    @Activate
    public BridgeRuntimeImpl(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaTypes, @Reference Store store, @Reference TicketService tickets) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaTypes = metaTypes;
        this.store = store;
        this.tickets = tickets;
        this.pollInterval = Duration.ofMillis(Long.parseLong(property("switchboard.bridges.pollMillis", "500")));
        this.initialBackoff = Duration.ofMillis(Long.parseLong(property("switchboard.bridges.initialBackoffMillis", "1000")));
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            types.values().forEach(entry -> entry.factory.unregister());
            types.clear();
            running.values().forEach(BridgeHandle::dispose);
            running.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBridgeType(BridgeType type, ServiceReference<BridgeType> reference) {
        TypeEntry entry = new TypeEntry(type, reference.getBundle());
        synchronized (lock) {
            if (types.containsKey(type.id())) {
                LOG.error("Bridge type {} from {} ignored: already provided by {}", type.id(),
                        entry.bundle.getSymbolicName(), types.get(type.id()).bundle.getSymbolicName());
                return;
            }
            readSchema(entry);
            types.put(type.id(), entry);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_PID, entry.pid);
            ManagedServiceFactory factory = instances.factory(entry.type::displayName,
                    () -> types.get(entry.type.id()) == entry, (id, pid, configuration) -> start(entry, id, pid, configuration));
            entry.factory = context.registerService(ManagedServiceFactory.class, factory, properties);
        }
        LOG.info("Bridge type {} installed from {} {}", type.id(), entry.bundle.getSymbolicName(), entry.bundle.getVersion());
    }

    void removeBridgeType(BridgeType type) {
        synchronized (lock) {
            TypeEntry entry = types.get(type.id());
            if (entry == null || entry.type != type) {
                return;
            }
            types.remove(type.id());
            entry.factory.unregister();
            running.values().removeIf(handle -> {
                if (handle.type.equals(type.id())) {
                    handle.dispose();
                    return true;
                }
                return false;
            });
        }
        LOG.info("Bridge type {} removed", type.id());
    }

    private void readSchema(TypeEntry entry) {
        entry.ocd = ConfigSchemas.objectClass(metaTypes, entry.bundle, entry.pid);
        entry.schema = ConfigSchemas.schema(entry.pid, entry.type.displayName(), entry.ocd);
    }

    private void start(TypeEntry entry, String id, String pid, Map<String, Object> configuration) {
        if (!INSTANCE_ID.matcher(id).matches()) {
            notRunning.put(id, Health.offline(Health.Reason.CONFIGURATION_ERROR,
                    "the instance id " + id + " must be 1-63 characters of a-z, 0-9 and -"));
            return;
        }
        Map<String, Object> values;
        try {
            values = ConfigSchemas.validated(entry.schema, entry.ocd, configuration, Map.of());
        } catch (InvalidConfigurationException e) {
            String detail = ConfigSchemas.describe(e.errors());
            notRunning.put(id, Health.offline(Health.Reason.CONFIGURATION_ERROR, detail));
            LOG.warn("Bridge instance {} not started: {}", id, detail);
            return;
        }
        BridgeHandle handle = new BridgeHandle(id, entry.type.id(), pid, values, new BridgeModel(id, store, tickets),
                pollInterval, initialBackoff);
        try {
            handle.start(entry.type);
            running.put(id, handle);
            LOG.info("Bridge instance {} ({}) started", id, entry.type.id());
        } catch (IllegalArgumentException e) {
            handle.dispose();
            notRunning.put(id, Health.offline(Health.Reason.CONFIGURATION_ERROR, e.getMessage()));
            LOG.warn("Bridge instance {} not started: {}", id, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            handle.dispose();
            notRunning.put(id, Health.offline(Health.Reason.INTERNAL_ERROR, "the bridge failed to start: " + e));
            LOG.error("Bridge instance {} failed to start", id, e);
        }
    }

    @Override
    public List<InstanceInfo> instances() {
        Configuration[] all;
        try {
            all = configAdmin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + BridgeType.PID_PREFIX + "*)");
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("configurations could not be read: " + e.getMessage(), e);
        }
        if (all == null) {
            return List.of();
        }
        return java.util.Arrays.stream(all).map(this::info).sorted(Comparator.comparing(InstanceInfo::id)).toList();
    }

    private InstanceInfo info(Configuration configuration) {
        String id = ConfigSchemas.instanceId(configuration.getPid());
        String type = configuration.getFactoryPid().substring(BridgeType.PID_PREFIX.length()).replace('_', '-');
        BridgeHandle handle = running.get(id);
        boolean installed = types.containsKey(type);
        Health health = handle != null ? handle.health()
                : notRunning.getOrDefault(id, installed ? Health.starting()
                        : Health.offline(Health.Reason.CONFIGURATION_ERROR, "the bridge " + type + " is not installed"));
        return new InstanceInfo(id, type, handle != null, health, Map.of(), Set.of());
    }

    private String property(String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
