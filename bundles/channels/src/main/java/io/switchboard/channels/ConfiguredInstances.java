package io.switchboard.channels;

import io.switchboard.api.channel.Health;
import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.cm.ManagedServiceFactory;
import org.slf4j.Logger;

/**
 * The running instances of configured channel or bridge types, keyed by instance id, each with the PID of
 * the configuration it runs, and why the others are not running. ConfigAdmin creates, replaces and removes
 * them through the {@link #factory} of each type. An instance id runs one configuration at a time: a second
 * configuration with the same id is refused until the first is deleted.
 *
 * <p>Changes happen under the runtime's lock; the maps may be read without it.
 *
 * @param <H> the runtime's handle of a running instance
 */
public final class ConfiguredInstances<H> {
    /** Starts an instance: puts its handle into {@link #running()}, or why it did not start into {@link #notRunning()}. */
    @FunctionalInterface
    public interface Starter {
        void start(String id, String pid, Map<String, Object> configuration);
    }

    private final Object lock;
    private final Logger log;
    private final String noun;
    private final Function<H, String> pidOf;
    private final Consumer<H> dispose;
    private final Map<String, H> running = new ConcurrentHashMap<>();
    private final Map<String, Health> notRunning = new ConcurrentHashMap<>();

    /**
     * @param noun what the log calls an instance's kind, "Channel" or "Bridge"
     * @param pidOf the PID of the configuration a handle runs
     */
    public ConfiguredInstances(Object lock, Logger log, String noun, Function<H, String> pidOf, Consumer<H> dispose) {
        this.lock = lock;
        this.log = log;
        this.noun = noun;
        this.pidOf = pidOf;
        this.dispose = dispose;
    }

    public Map<String, H> running() {
        return running;
    }

    public Map<String, Health> notRunning() {
        return notRunning;
    }

    /**
     * ConfigAdmin's view of one type's configurations.
     *
     * @param installed whether the type is still the one installed; configurations that come after it
     *        was replaced or removed are ignored
     */
    public ManagedServiceFactory factory(Supplier<String> name, BooleanSupplier installed, Starter starter) {
        return new ManagedServiceFactory() {
            @Override
            public String getName() {
                return name.get();
            }

            @Override
            public void updated(String pid, Dictionary<String, ?> properties) {
                configured(installed, starter, pid, ConfigSchemas.properties(properties));
            }

            @Override
            public void deleted(String pid) {
                ConfiguredInstances.this.deleted(pid);
            }
        };
    }

    private void configured(BooleanSupplier installed, Starter starter, String pid, Map<String, Object> configuration) {
        String id = ConfigSchemas.instanceId(pid);
        synchronized (lock) {
            if (!installed.getAsBoolean()) {
                return;
            }
            H previous = running.get(id);
            if (previous != null && !pidOf.apply(previous).equals(pid)) {
                log.error(noun + " instance id {} is used by two configurations ({} and {}); the second is ignored",
                        id, pidOf.apply(previous), pid);
                return;
            }
            if (previous != null) {
                running.remove(id);
                dispose.accept(previous);
            }
            notRunning.remove(id);
            starter.start(id, pid, configuration);
        }
    }

    private void deleted(String pid) {
        String id = ConfigSchemas.instanceId(pid);
        synchronized (lock) {
            notRunning.remove(id);
            H handle = running.get(id);
            if (handle != null && pidOf.apply(handle).equals(pid)) {
                running.remove(id);
                dispose.accept(handle);
                log.info(noun + " instance {} removed", id);
            }
        }
    }
}
