package io.switchboard.channels.internal;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.ChannelType;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.channels.ChannelRuntime;
import io.switchboard.channels.ChannelStats;
import io.switchboard.channels.ChannelTypeInfo;
import io.switchboard.channels.ConfigSchema;
import io.switchboard.channels.ConfigSchemas;
import io.switchboard.channels.ConfiguredInstances;
import io.switchboard.channels.InstanceInfo;
import io.switchboard.channels.InvalidConfigurationException;
import io.switchboard.store.Store;
import io.switchboard.store.entity.OutboxRow;
import io.switchboard.tickets.TicketService;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * The channel runtime. For every installed {@link ChannelType} it registers a ManagedServiceFactory for
 * the type's factory PID, so ConfigAdmin — fed by the REST API or by files in {@code deploy/} — drives
 * instance creation, update and removal. It owns the {@code /hooks/*} servlet and the outbox.
 *
 * <p>It also has each instance fetch the media of the messages it received ({@link MediaFetcher}).
 *
 * <p>Framework properties: {@code switchboard.outbox.maxAttempts} (default 20), {@code
 * switchboard.outbox.initialBackoffMillis} (default 1000), {@code switchboard.media.maxAttempts}
 * (default 10), {@code switchboard.media.initialBackoffMillis} (default 1000) and {@code
 * switchboard.media.maxBytes}, the largest attachment kept (default 20971520, 20 MB).
 *
 * <p>A voice instance that is configured but not running still takes calls: the core answers them
 * with a fallback that records a voicemail ({@link VoiceFallback}, worded by {@code
 * switchboard.voice.fallbackMessage} and {@code switchboard.voice.fallbackLanguage}) and parks the
 * requests until the instance runs again ({@link ParkedWebhooks}). It knows an instance is a voice
 * instance from its last start ({@link InstanceKinds}), even while its connector is missing.
 */
@Component(service = ChannelRuntime.class, immediate = true)
public class ChannelRuntimeImpl implements ChannelRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRuntimeImpl.class);
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String ID_RULE = "must be 1-63 characters of a-z, 0-9 and -, starting with a letter or digit";
    private static final long APPLY_WAIT_MILLIS = 5_000;
    private static final long MAX_MEDIA_SIZE_LIMIT = 1_000_000_000L;

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaTypes;
    private final Stats stats = new Stats();
    private final Object lock = new Object();
    private final Map<String, TypeEntry> types = new ConcurrentHashMap<>();
    private final ConfiguredInstances<InstanceHandle> instances =
            new ConfiguredInstances<>(lock, LOG, "Channel", handle -> handle.pid, InstanceHandle::dispose);
    private final Map<String, InstanceHandle> running = instances.running();
    private final Map<String, Health> notRunning = instances.notRunning();
    /** Per instance id, the sequence number of the last configuration applied. */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService outboxThread;
    private final java.util.concurrent.ExecutorService outboxSenders;
    private final ScheduledExecutorService mediaThread;
    private final java.util.concurrent.ExecutorService mediaFetchers;
    private final long mediaSizeLimit;
    private final ScheduledExecutorService parkedThread;
    private final InstanceKinds kinds = new InstanceKinds(java.time.Clock.systemUTC());
    private final VoiceFallback voiceFallback;
    private final OutboundCalls outboundCalls;
    private volatile boolean interruptedCallsMarked;
    private final ServiceRegistration<Servlet> hooks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Store store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TicketService tickets;

    /** A store or ticket service that is not there yet. */
    static final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReady(String message) {
            super(message);
        }
    }

    private final class TypeEntry {
        final ChannelType type;
        final Bundle bundle;
        final String pid;
        ObjectClassDefinition ocd;
        ConfigSchema schema;
        ServiceRegistration<ManagedServiceFactory> factory;

        TypeEntry(ChannelType type, Bundle bundle) {
            this.type = type;
            this.bundle = bundle;
            this.pid = ChannelType.configurationPid(type.id());
        }
    }

    @Activate
    public ChannelRuntimeImpl(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaTypes) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaTypes = metaTypes;
        int maxAttempts = Integer.parseInt(property("switchboard.outbox.maxAttempts", "20"));
        Duration initialBackoff = Duration.ofMillis(Long.parseLong(property("switchboard.outbox.initialBackoffMillis", "1000")));
        // H2's binary strings (and Java arrays, which hold the content) end at about 1 GB.
        this.mediaSizeLimit = Math.min(MAX_MEDIA_SIZE_LIMIT, positive("switchboard.media.maxBytes",
                property("switchboard.media.maxBytes", Long.toString(InstanceHandle.DEFAULT_MEDIA_SIZE_LIMIT))));
        int mediaAttempts = (int) positive("switchboard.media.maxAttempts", property("switchboard.media.maxAttempts", "10"));
        Duration mediaBackoff = Duration.ofMillis(Long.parseLong(property("switchboard.media.initialBackoffMillis", "1000")));
        this.outboxThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "switchboard-outbox");
            thread.setDaemon(true);
            return thread;
        });
        this.outboxSenders = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "switchboard-outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
        Outbox outbox = new Outbox(() -> store, id -> Optional.ofNullable(running.get(id)), this::isConfigured,
                stats, maxAttempts, initialBackoff, outboxSenders);
        outboxThread.scheduleWithFixedDelay(outbox, 500, 200, TimeUnit.MILLISECONDS);
        // Threads of their own, so that a slow media download never holds up a reply.
        this.mediaThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "switchboard-media");
            thread.setDaemon(true);
            return thread;
        });
        this.mediaFetchers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "switchboard-media-fetcher");
            thread.setDaemon(true);
            return thread;
        });
        MediaFetcher media = new MediaFetcher(() -> store, id -> Optional.ofNullable(running.get(id)),
                this::isConfigured, mediaAttempts, mediaBackoff, mediaSizeLimit, mediaFetchers, java.time.Clock.systemUTC());
        mediaThread.scheduleWithFixedDelay(media, 700, 200, TimeUnit.MILLISECONDS);
        this.voiceFallback = new VoiceFallback(property("switchboard.voice.fallbackMessage", null),
                property("switchboard.voice.fallbackLanguage", null));
        this.parkedThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "switchboard-parked-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        this.outboundCalls = new OutboundCalls(() -> store, () -> tickets, this::placing, this::kindOf,
                java.time.Clock.systemUTC());
        ParkedWebhooks parked = new ParkedWebhooks(() -> store, id -> Optional.ofNullable(running.get(id)),
                this::isConfigured, this::store, this::countRejected, java.time.Clock.systemUTC());
        parkedThread.scheduleWithFixedDelay(() -> {
            Store current = store;
            if (current != null) {
                kinds.flush(current);
                markInterruptedCalls();
            }
            parked.run();
        }, 300, 200, TimeUnit.MILLISECONDS);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/hooks/*");
        properties.put("osgi.http.whiteboard.servlet.name", "switchboard-hooks");
        this.hooks = context.registerService(Servlet.class, new HooksServlet(new HooksServlet.Runtime() {
            @Override
            public Optional<InstanceHandle> running(String instanceId) {
                return ChannelRuntimeImpl.this.running(instanceId);
            }

            @Override
            public boolean isConfigured(String instanceId) {
                return ChannelRuntimeImpl.this.isConfigured(instanceId);
            }

            @Override
            public Optional<ChannelKind> kindOf(String instanceId) {
                return ChannelRuntimeImpl.this.kindOf(instanceId);
            }

            @Override
            public void park(String instanceId, WebhookRequest request) {
                ChannelRuntimeImpl.this.park(instanceId, request);
            }

            @Override
            public VoiceFallback voiceFallback() {
                return voiceFallback;
            }

            @Override
            public void store(InstanceHandle handle, List<ChannelEvent> events) {
                ChannelRuntimeImpl.this.store(handle, events);
            }

            @Override
            public void countRejected(String instanceId) {
                ChannelRuntimeImpl.this.countRejected(instanceId);
            }
        }), properties);
    }

    @Deactivate
    void deactivate() {
        hooks.unregister();
        outboxThread.shutdownNow();
        outboxSenders.shutdownNow();
        mediaThread.shutdownNow();
        mediaFetchers.shutdownNow();
        parkedThread.shutdownNow();
        synchronized (lock) {
            for (TypeEntry entry : types.values()) {
                entry.factory.unregister();
            }
            types.clear();
            running.values().forEach(InstanceHandle::dispose);
            running.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChannelType(ChannelType type, ServiceReference<ChannelType> reference) {
        TypeEntry entry = new TypeEntry(type, reference.getBundle());
        synchronized (lock) {
            if (types.containsKey(type.id())) {
                LOG.error("Channel type {} from {} ignored: already provided by {}", type.id(),
                        entry.bundle.getSymbolicName(), types.get(type.id()).bundle.getSymbolicName());
                return;
            }
            readSchema(entry);
            types.put(type.id(), entry);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_PID, entry.pid);
            ManagedServiceFactory factory = instances.factory(entry.type::displayName,
                    () -> types.get(entry.type.id()) == entry, (id, pid, configuration) -> apply(entry, id, pid, configuration));
            entry.factory = context.registerService(ManagedServiceFactory.class, factory, properties);
        }
        LOG.info("Channel type {} installed from {} {}", type.id(), entry.bundle.getSymbolicName(), entry.bundle.getVersion());
    }

    void removeChannelType(ChannelType type) {
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
        LOG.info("Channel type {} removed", type.id());
    }

    private void readSchema(TypeEntry entry) {
        ObjectClassDefinition ocd = ConfigSchemas.objectClass(metaTypes, entry.bundle, entry.pid);
        entry.ocd = ocd;
        entry.schema = ConfigSchemas.schema(entry.pid, entry.type.displayName(), ocd);
        if (ocd == null) {
            LOG.warn("Channel type {} has no Metatype for factory PID {}; its instances take no configuration",
                    entry.type.id(), entry.pid);
        }
    }

    /** Starts an instance for a configuration and records that the configuration was applied. */
    private void apply(TypeEntry entry, String id, String pid, Map<String, Object> configuration) {
        try {
            start(entry, id, pid, configuration);
        } finally {
            applied.put(id, sequence.incrementAndGet());
        }
    }

    private void start(TypeEntry entry, String id, String pid, Map<String, Object> configuration) {
        if (!INSTANCE_ID.matcher(id).matches()) {
            notRunning.put(id, Health.offline(Health.Reason.CONFIGURATION_ERROR, "the instance id " + id + " " + ID_RULE));
            LOG.warn("Channel instance {} not started: its id {}", id, ID_RULE);
            return;
        }
        try {
            kinds.started(id, entry.type.id(), entry.type.kind());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Channel type {} did not tell its kind: {}", entry.type.id(), e.toString());
        }
        Map<String, Object> values;
        try {
            values = ConfigSchemas.validated(entry.schema, entry.ocd, configuration, Map.of());
        } catch (InvalidConfigurationException e) {
            notRunning.put(id, Health.offline(Health.Reason.CONFIGURATION_ERROR, ConfigSchemas.describe(e.errors())));
            LOG.warn("Channel instance {} not started: {}", id, ConfigSchemas.describe(e.errors()));
            return;
        }
        InstanceHandle handle = new InstanceHandle(id, entry.type.id(), pid, values,
                events -> ingest(id, events), mediaSizeLimit, agents);
        try {
            ChannelInstance instance = entry.type.create(handle.context());
            if (instance == null) {
                throw new IllegalStateException("create returned null");
            }
            handle.start(instance);
            running.put(id, handle);
            LOG.info("Channel instance {} ({}) started", id, entry.type.id());
        } catch (IllegalArgumentException e) {
            handle.dispose();
            notRunning.put(id, Health.offline(Health.Reason.CONFIGURATION_ERROR, e.getMessage()));
            LOG.warn("Channel instance {} not started: {}", id, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            handle.dispose();
            notRunning.put(id, Health.offline(Health.Reason.INTERNAL_ERROR, "the connector failed to start: " + e));
            LOG.error("Channel instance {} failed to start", id, e);
        }
    }

    Optional<InstanceHandle> running(String instanceId) {
        return Optional.ofNullable(running.get(instanceId));
    }

    /** Whether a configuration with this instance id exists, running or not. */
    boolean isConfigured(String instanceId) {
        return configuration(instanceId).isPresent();
    }

    void store(InstanceHandle handle, List<ChannelEvent> events) {
        Store currentStore = store;
        TicketService currentTickets = tickets;
        if (currentStore == null || currentTickets == null) {
            throw new NotReady("Switchboard is starting; the request was not stored");
        }
        EventSink.Outcome outcome = EventSink.store(currentStore, currentTickets, handle.id, handle.type, events);
        stats.add(handle.id, Stats.Counter.INBOUND_ACCEPTED, outcome.accepted());
        stats.add(handle.id, Stats.Counter.INBOUND_DUPLICATE, outcome.duplicates());
    }

    /**
     * The kind of a configured instance: its installed type's, or else what it was when it last
     * started with the type it is configured for. Empty when it is not configured or not known.
     */
    Optional<ChannelKind> kindOf(String instanceId) {
        InstanceHandle handle = running.get(instanceId);
        if (handle != null) {
            TypeEntry entry = types.get(handle.type);
            if (entry != null) {
                return kind(entry);
            }
        }
        Optional<Configuration> configuration = configuration(instanceId);
        if (configuration.isEmpty()) {
            return Optional.empty();
        }
        Optional<TypeEntry> entry = typeOf(configuration.get());
        if (entry.isPresent()) {
            return kind(entry.get());
        }
        return kinds.kindOf(instanceId, typeIdFromPid(configuration.get().getFactoryPid()), store);
    }

    private static Optional<ChannelKind> kind(TypeEntry entry) {
        try {
            return Optional.ofNullable(entry.type.kind());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Keeps a request the core answered in the instance's place, for the instance to take when it runs. */
    void park(String instanceId, WebhookRequest request) {
        Store currentStore = store;
        if (currentStore == null) {
            throw new NotReady("Switchboard is starting; the request was not stored");
        }
        ParkedWebhooks.park(currentStore, instanceId, request, java.time.Instant.now());
    }

    void countRejected(String instanceId) {
        stats.add(instanceId, Stats.Counter.INBOUND_REJECTED, 1);
    }

    private void ingest(String instanceId, List<ChannelEvent> events) {
        InstanceHandle handle = running.get(instanceId);
        if (handle == null) {
            throw new IllegalStateException("channel instance " + instanceId + " is not running");
        }
        store(handle, events);
    }

    /** What connectors see of the agents' availability, kept by the ticket service. */
    private final InstanceHandle.AgentDirectory agents = new TicketAgents(() -> tickets);

    private Optional<OutboundCalls.Running> placing(String instanceId) {
        InstanceHandle handle = running.get(instanceId);
        if (handle == null) {
            return Optional.empty();
        }
        TypeEntry entry = types.get(handle.type);
        java.util.Set<io.switchboard.api.channel.Capability> capabilities = entry == null ? java.util.Set.of()
                : entry.type.capabilities();
        return Optional.of(new OutboundCalls.Running(handle, handle.type, capabilities == null ? java.util.Set.of()
                : capabilities));
    }

    private void markInterruptedCalls() {
        if (interruptedCallsMarked) {
            return;
        }
        try {
            outboundCalls.markInterrupted();
            interruptedCallsMarked = true;
        } catch (RuntimeException e) {
            LOG.warn("Could not check for calls interrupted by a stop; trying again", e);
        }
    }

    // --- ChannelRuntime -------------------------------------------------------------------------------

    @Override
    public io.switchboard.channels.PlacedCall startCall(long ticketId, io.switchboard.api.channel.AgentContact ringAt,
            io.switchboard.api.channel.OutboundCall.Purpose purpose) {
        return outboundCalls.place(ticketId, java.util.Objects.requireNonNull(ringAt, "ringAt"),
                java.util.Objects.requireNonNull(purpose, "purpose"));
    }

    @Override
    public List<ChannelTypeInfo> types() {
        return types.values().stream().map(ChannelRuntimeImpl::info)
                .sorted(Comparator.comparing(ChannelTypeInfo::id)).toList();
    }

    @Override
    public Optional<ChannelTypeInfo> type(String typeId) {
        return Optional.ofNullable(types.get(typeId)).map(ChannelRuntimeImpl::info);
    }

    private static ChannelTypeInfo info(TypeEntry entry) {
        return new ChannelTypeInfo(entry.type.id(), entry.type.displayName(), entry.type.kind(),
                Set.copyOf(entry.type.capabilities()), entry.bundle.getSymbolicName(),
                entry.bundle.getVersion().toString(), entry.schema);
    }

    @Override
    public List<InstanceInfo> instances() {
        return configurations().stream().map(this::info).sorted(Comparator.comparing(InstanceInfo::id)).toList();
    }

    @Override
    public Optional<InstanceInfo> instance(String instanceId) {
        return configuration(instanceId).map(this::info);
    }

    @Override
    public InstanceInfo create(String typeId, String instanceId, Map<String, Object> values) {
        if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
            throw new InvalidConfigurationException(Map.of("id", ID_RULE));
        }
        TypeEntry entry = types.get(typeId);
        if (entry == null) {
            throw new NoSuchElementException("no channel type " + typeId + " is installed");
        }
        if (isConfigured(instanceId)) {
            throw new IllegalStateException("channel instance " + instanceId + " already exists");
        }
        Map<String, Object> converted = validated(entry, values, Map.of());
        Configuration configuration;
        try {
            configuration = configAdmin.getFactoryConfiguration(entry.pid, instanceId, "?");
        } catch (IOException e) {
            throw new IllegalStateException("the configuration could not be created: " + e.getMessage(), e);
        }
        return save(instanceId, configuration, converted);
    }

    @Override
    public InstanceInfo update(String instanceId, Map<String, Object> values) {
        Configuration configuration = configuration(instanceId)
                .orElseThrow(() -> new NoSuchElementException("no channel instance " + instanceId));
        TypeEntry entry = typeOf(configuration)
                .orElseThrow(() -> new IllegalStateException("the connector of channel instance " + instanceId
                        + " is not installed, so its configuration cannot be checked"));
        return save(instanceId, configuration, validated(entry, values, ConfigSchemas.properties(configuration.getProperties())));
    }

    /** Stores validated values and returns the instance as it runs with them (or why it does not). */
    private InstanceInfo save(String instanceId, Configuration configuration, Map<String, Object> values) {
        long before = sequence.get();
        try {
            configuration.update(new Hashtable<>(values));
        } catch (IOException e) {
            throw new IllegalStateException("the configuration could not be saved: " + e.getMessage(), e);
        }
        awaitApplied(instanceId, before);
        return instance(instanceId).orElseThrow();
    }

    @Override
    public void delete(String instanceId) {
        Configuration configuration = configuration(instanceId)
                .orElseThrow(() -> new NoSuchElementException("no channel instance " + instanceId));
        try {
            configuration.delete();
        } catch (IOException e) {
            throw new IllegalStateException("the configuration could not be deleted: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ChannelStats> stats() {
        Store currentStore = store;
        Map<String, Long> pending = currentStore == null ? Map.of() : currentStore.transaction(em -> {
            Map<String, Long> counts = new HashMap<>();
            em.createQuery("select o.channelInstance, count(o) from Outbox o where o.state = :s group by o.channelInstance",
                            Object[].class)
                    .setParameter("s", OutboxRow.State.PENDING)
                    .getResultList().forEach(row -> counts.put((String) row[0], (Long) row[1]));
            return counts;
        });
        List<ChannelStats> result = new ArrayList<>();
        for (InstanceInfo instance : instances()) {
            String id = instance.id();
            result.add(new ChannelStats(id, instance.type(), stats.get(id, Stats.Counter.INBOUND_ACCEPTED),
                    stats.get(id, Stats.Counter.INBOUND_DUPLICATE), stats.get(id, Stats.Counter.INBOUND_REJECTED),
                    stats.get(id, Stats.Counter.OUTBOUND_SENT), stats.get(id, Stats.Counter.OUTBOUND_RETRIED),
                    stats.get(id, Stats.Counter.OUTBOUND_FAILED), pending.getOrDefault(id, 0L)));
        }
        return result;
    }

    // --- helpers --------------------------------------------------------------------------------------

    private Map<String, Object> validated(TypeEntry entry, Map<String, Object> values, Map<String, Object> previous) {
        return ConfigSchemas.validated(entry.schema, entry.ocd, values, previous);
    }

    /**
     * Waits briefly until ConfigAdmin has delivered the new configuration, so that the caller sees
     * the instance running (or why not) rather than "starting".
     */
    private void awaitApplied(String instanceId, long before) {
        long deadline = System.currentTimeMillis() + APPLY_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (applied.getOrDefault(instanceId, 0L) > before) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private InstanceInfo info(Configuration configuration) {
        String id = ConfigSchemas.instanceId(configuration.getPid());
        Optional<TypeEntry> entry = typeOf(configuration);
        String type = entry.map(e -> e.type.id()).orElseGet(() -> typeIdFromPid(configuration.getFactoryPid()));
        InstanceHandle handle = running.get(id);
        Health health = handle != null ? handle.health()
                : notRunning.getOrDefault(id, entry.isPresent() ? Health.starting()
                        : Health.offline(Health.Reason.CONFIGURATION_ERROR, "the connector " + type + " is not installed"));
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> secretsSet = new LinkedHashSet<>();
        // Without the type's schema there is no telling which values are secrets, so none are shown.
        if (entry.isPresent()) {
            Map<String, Object> stored = ConfigSchemas.properties(configuration.getProperties());
            for (ConfigSchema.Field field : entry.get().schema.fields()) {
                Object value = stored.get(field.id());
                if (value == null) {
                    continue;
                }
                if (field.type() == ConfigSchema.Type.PASSWORD) {
                    secretsSet.add(field.id());
                } else {
                    values.put(field.id(), value.getClass().isArray() ? arrayToList(value) : value);
                }
            }
        }
        return new InstanceInfo(id, type, handle != null, health, Collections.unmodifiableMap(values),
                Collections.unmodifiableSet(secretsSet));
    }

    private Optional<TypeEntry> typeOf(Configuration configuration) {
        return types.values().stream().filter(e -> e.pid.equals(configuration.getFactoryPid())).findFirst();
    }

    private List<Configuration> configurations() {
        try {
            Configuration[] all = configAdmin.listConfigurations(
                    "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + ChannelType.PID_PREFIX + "*)");
            return all == null ? List.of() : List.of(all);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("configurations could not be read: " + e.getMessage(), e);
        }
    }

    private Optional<Configuration> configuration(String instanceId) {
        return configurations().stream().filter(c -> ConfigSchemas.instanceId(c.getPid()).equals(instanceId)).findFirst();
    }

    private static String typeIdFromPid(String factoryPid) {
        return factoryPid.substring(ChannelType.PID_PREFIX.length()).replace('_', '-');
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            list.add(java.lang.reflect.Array.get(array, i));
        }
        return list;
    }

    private static long positive(String name, String value) {
        long parsed = Long.parseLong(value);
        if (parsed < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, not " + value);
        }
        return parsed;
    }

    private String property(String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
