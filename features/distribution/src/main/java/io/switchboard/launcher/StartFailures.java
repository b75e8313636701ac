package io.switchboard.launcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Remembers, per bundle, why it failed to start while the framework raised its start level: the
 * framework reports such failures only as events, and the start-up report names the reason.
 */
final class StartFailures implements FrameworkListener {

    private final Map<Long, Throwable> byBundleId = new ConcurrentHashMap<>();

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null && event.getThrowable() != null) {
            byBundleId.put(event.getBundle().getBundleId(), event.getThrowable());
        }
    }

    Throwable of(long bundleId) {
        return byBundleId.get(bundleId);
    }
}
