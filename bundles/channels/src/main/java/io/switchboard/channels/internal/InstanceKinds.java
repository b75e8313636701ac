package io.switchboard.channels.internal;

import io.switchboard.api.channel.ChannelKind;
import io.switchboard.store.Store;
import io.switchboard.store.entity.ChannelInstanceKindRow;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel type and kind of each instance as of its last start, remembered in the database so that
 * they are known while the instance's connector is updated, removed or broken, even across a restart.
 * A start is noted at once in memory and written by the background worker ({@link #flush}), so that no
 * database write happens under the runtime's lock or before the store is there.
 */
final class InstanceKinds {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceKinds.class);

    record Known(String type, ChannelKind kind) {
    }

    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Known> unsaved = new ConcurrentHashMap<>();

    InstanceKinds(Clock clock) {
        this.clock = clock;
    }

    void started(String instanceId, String type, ChannelKind kind) {
        Known now = new Known(type, kind);
        if (!now.equals(known.put(instanceId, now))) {
            unsaved.put(instanceId, now);
        }
    }

    /** Writes what changed since the last flush; what fails stays to be written next time. */
    void flush(Store store) {
        for (Map.Entry<String, Known> entry : Map.copyOf(unsaved).entrySet()) {
            String id = entry.getKey();
            Known value = entry.getValue();
            try {
                store.transactionRetryingConflicts(em -> {
                    ChannelInstanceKindRow row = em.find(ChannelInstanceKindRow.class, id);
                    if (row == null) {
                        row = new ChannelInstanceKindRow();
                        row.instanceId = id;
                        row.channelType = value.type();
                        row.kind = value.kind();
                        row.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        em.persist(row);
                    } else if (!row.channelType.equals(value.type()) || row.kind != value.kind()) {
                        row.channelType = value.type();
                        row.kind = value.kind();
                        row.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    }
                    return null;
                });
                unsaved.remove(id, value);
            } catch (RuntimeException e) {
                LOG.warn("The kind of channel instance {} could not be saved now: {}", id, e.toString());
                return;
            }
        }
    }

    /**
     * What the instance was when it last started, if that was with the channel type it is configured
     * for now (an instance id may be deleted and created again with another type).
     *
     * @param store null while the store is not there: then only this run's starts are known
     */
    Optional<ChannelKind> kindOf(String instanceId, String configuredType, Store store) {
        Known value = known.get(instanceId);
        if (value == null && store != null) {
            value = store.transaction(em -> {
                ChannelInstanceKindRow row = em.find(ChannelInstanceKindRow.class, instanceId);
                return row == null ? null : new Known(row.channelType, row.kind);
            });
            if (value != null) {
                known.putIfAbsent(instanceId, value);
            }
        }
        return value != null && value.type().equals(configuredType) ? Optional.of(value.kind()) : Optional.empty();
    }
}
