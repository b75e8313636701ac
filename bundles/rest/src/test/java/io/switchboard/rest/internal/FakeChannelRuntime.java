package io.switchboard.rest.internal;

import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.Health;
import io.switchboard.channels.ChannelRuntime;
import io.switchboard.channels.ChannelStats;
import io.switchboard.channels.ChannelTypeInfo;
import io.switchboard.channels.ConfigSchema;
import io.switchboard.channels.ConfigSchema.Field;
import io.switchboard.channels.InstanceInfo;
import io.switchboard.channels.InvalidConfigurationException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory channel runtime with one installed type whose {@code authToken} is a secret. Its
 * validation messages quote the submitted values, secrets included, as a careless connector's might:
 * the API must not pass them on.
 */
final class FakeChannelRuntime implements ChannelRuntime {
    static final String TYPE = "sms-fake";
    /** A default value of the secret field; careless, but it must not reach any client either. */
    static final String DEFAULT_SECRET = "default-secret-value";
    static final ChannelTypeInfo SMS = new ChannelTypeInfo(TYPE, "Fake SMS", ChannelKind.SMS,
            EnumSet.of(Capability.TEXT, Capability.DELIVERY_RECEIPTS), "io.switchboard.connector.fake", "1.0.0",
            new ConfigSchema("io.switchboard.fake.sms", "Fake SMS", "An SMS channel for tests", List.of(
                    new Field("accountSid", "Account SID", "The account", ConfigSchema.Type.STRING, true, false,
                            List.of(), List.of()),
                    new Field("authToken", "Auth token", "Signs webhooks", ConfigSchema.Type.PASSWORD, true, false,
                            List.of(DEFAULT_SECRET), List.of()),
                    new Field("retries", "Retries", "Send attempts", ConfigSchema.Type.INTEGER, false, false,
                            List.of("3"), List.of()))));

    private record Stored(String id, String type, Map<String, Object> values, Health health) {
    }

    private final Map<String, Stored> instances = new ConcurrentSkipListMap<>();
    private final List<ChannelStats> stats = new CopyOnWriteArrayList<>();
    /** When set, instances come back with their secrets, as a runtime with a bug would return them. */
    volatile boolean leakSecrets;

    void setHealth(String id, Health health) {
        instances.computeIfPresent(id, (key, s) -> new Stored(s.id(), s.type(), s.values(), health));
    }

    void setStats(List<ChannelStats> current) {
        stats.clear();
        stats.addAll(current);
    }

    /** Adds an instance directly, without validation, e.g. with an id no API client could choose. */
    void put(String id, Health health) {
        instances.put(id, new Stored(id, TYPE, Map.of("accountSid", "AC1", "authToken", "s3cr3t-token"), health));
    }

    void clear() {
        instances.clear();
        stats.clear();
    }

    @Override
    public List<ChannelTypeInfo> types() {
        return List.of(SMS);
    }

    @Override
    public Optional<ChannelTypeInfo> type(String typeId) {
        return TYPE.equals(typeId) ? Optional.of(SMS) : Optional.empty();
    }

    @Override
    public List<InstanceInfo> instances() {
        return instances.values().stream().map(this::info).toList();
    }

    @Override
    public Optional<InstanceInfo> instance(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId)).map(this::info);
    }

    @Override
    public synchronized InstanceInfo create(String typeId, String instanceId, Map<String, Object> values) {
        if (!TYPE.equals(typeId)) {
            throw new NoSuchElementException("no type " + typeId);
        }
        if (instances.containsKey(instanceId)) {
            throw new IllegalStateException("The id '" + instanceId + "' is taken.");
        }
        validate(values, true);
        Stored stored = new Stored(instanceId, typeId, new LinkedHashMap<>(values), Health.starting());
        instances.put(instanceId, stored);
        return info(stored);
    }

    @Override
    public synchronized InstanceInfo update(String instanceId, Map<String, Object> values) {
        Stored existing = Optional.ofNullable(instances.get(instanceId))
                .orElseThrow(() -> new NoSuchElementException("no instance " + instanceId));
        Map<String, Object> merged = new LinkedHashMap<>(values);
        if (!merged.containsKey("authToken")) {
            merged.put("authToken", existing.values().get("authToken"));
        }
        validate(merged, true);
        Stored stored = new Stored(instanceId, existing.type(), merged, existing.health());
        instances.put(instanceId, stored);
        return info(stored);
    }

    @Override
    public void delete(String instanceId) {
        if (instances.remove(instanceId) == null) {
            throw new NoSuchElementException("no instance " + instanceId);
        }
    }

    @Override
    public List<ChannelStats> stats() {
        return List.copyOf(stats);
    }

    private static void validate(Map<String, Object> values, boolean requireAll) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (SMS.schema().fields().stream().noneMatch(f -> f.id().equals(key))) {
                errors.put(key, "is not a field of " + TYPE);
            }
        }
        if (requireAll && !(values.get("accountSid") instanceof String sid && !sid.isBlank())) {
            errors.put("accountSid", "is required");
        }
        Object token = values.get("authToken");
        if (token == null) {
            errors.put("authToken", "is required");
        } else if (token.toString().length() < 12) {
            errors.put("authToken", "'" + token + "' is shorter than 12 characters");
        }
        Object retries = values.get("retries");
        if (retries != null && !(retries instanceof Integer)) {
            errors.put("retries", "must be a whole number");
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
    }

    private InstanceInfo info(Stored stored) {
        Map<String, Object> shown = new LinkedHashMap<>(stored.values());
        Set<String> secretsSet = new TreeSet<>();
        if (shown.get("authToken") != null) {
            secretsSet.add("authToken");
        }
        if (!leakSecrets) {
            shown.remove("authToken");
        }
        return new InstanceInfo(stored.id(), stored.type(), true, stored.health(), shown, secretsSet);
    }

    /** What {@link #startCall} was asked, and what it answers next (an exception is thrown). */
    record CallAsked(long ticketId, io.switchboard.api.channel.AgentContact ringAt,
            io.switchboard.api.channel.OutboundCall.Purpose purpose) {
    }

    final List<CallAsked> callsAsked = new CopyOnWriteArrayList<>();
    volatile java.util.function.Function<CallAsked, io.switchboard.channels.PlacedCall> callAnswer = asked -> {
        throw new IllegalStateException("Ticket " + asked.ticketId() + " has no voice conversation.");
    };

    @Override
    public io.switchboard.channels.PlacedCall startCall(long ticketId, io.switchboard.api.channel.AgentContact ringAt,
            io.switchboard.api.channel.OutboundCall.Purpose purpose) {
        CallAsked asked = new CallAsked(ticketId, ringAt, purpose);
        callsAsked.add(asked);
        return callAnswer.apply(asked);
    }
}
