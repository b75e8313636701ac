package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.Health;
import io.switchboard.channels.ConfiguredInstances;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ManagedServiceFactory;
import org.slf4j.LoggerFactory;

class ConfiguredInstancesTest {
    private static final String FIRST = "switchboard.channel.sms_test~support";
    private static final String SECOND = "switchboard.channel.webhook_generic~support";

    private static final class Handle {
        final String pid;
        final Map<String, Object> configuration;
        boolean disposed;

        Handle(String pid, Map<String, Object> configuration) {
            this.pid = pid;
            this.configuration = configuration;
        }
    }

    private final ConfiguredInstances<Handle> instances = new ConfiguredInstances<>(new Object(),
            LoggerFactory.getLogger(ConfiguredInstancesTest.class), "Channel", handle -> handle.pid,
            handle -> handle.disposed = true);
    private final List<Handle> started = new ArrayList<>();
    private boolean installed = true;
    private final ManagedServiceFactory factory = instances.factory(() -> "Test", () -> installed,
            (id, pid, configuration) -> {
                Handle handle = new Handle(pid, configuration);
                started.add(handle);
                instances.running().put(id, handle);
            });

    @Test
    void aNewConfigurationReplacesTheInstanceItConfigures() throws Exception {
        factory.updated(FIRST, properties(FIRST, "from", "+15550001"));
        Handle first = instances.running().get("support");
        factory.updated(FIRST, properties(FIRST, "from", "+15550002"));

        Handle second = instances.running().get("support");
        assertTrue(first.disposed);
        assertFalse(second.disposed);
        assertEquals("+15550002", second.configuration.get("from"));
        assertFalse(second.configuration.containsKey("service.pid"));
    }

    @Test
    void aSecondConfigurationWithTheSameIdIsRefused() throws Exception {
        factory.updated(FIRST, properties(FIRST, "from", "+15550001"));
        factory.updated(SECOND, properties(SECOND, "url", "https://example.org/hook"));

        assertEquals(1, started.size());
        assertSame(started.get(0), instances.running().get("support"));
        assertFalse(started.get(0).disposed);
    }

    @Test
    void deletingAConfigurationDisposesOnlyTheInstanceItRuns() throws Exception {
        factory.updated(FIRST, properties(FIRST, "from", "+15550001"));
        factory.deleted(SECOND);
        assertFalse(started.get(0).disposed);

        factory.deleted(FIRST);
        assertTrue(started.get(0).disposed);
        assertNull(instances.running().get("support"));
    }

    @Test
    void deletingAConfigurationForgetsWhyItsInstanceDidNotRun() {
        instances.notRunning().put("support", Health.offline(Health.Reason.CONFIGURATION_ERROR, "invalid configuration"));
        factory.deleted(FIRST);
        assertTrue(instances.notRunning().isEmpty());
    }

    @Test
    void configurationsOfATypeNoLongerInstalledAreIgnored() throws Exception {
        installed = false;
        factory.updated(FIRST, properties(FIRST, "from", "+15550001"));
        assertTrue(started.isEmpty());
        assertTrue(instances.running().isEmpty());
    }

    private static Hashtable<String, Object> properties(String pid, String key, String value) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", pid);
        properties.put(key, value);
        return properties;
    }
}
