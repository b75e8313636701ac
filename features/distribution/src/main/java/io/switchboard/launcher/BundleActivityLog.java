package io.switchboard.launcher;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Logs every bundle that is installed, updated, started, stopped or removed, which is how an admin
 * sees a hot deploy from {@code deploy/} take effect. The launcher's own bundles are left out while
 * they start (the start-up report sums them up), but nothing that FileInstall does is, even during
 * start-up; at shutdown, when every bundle stops, it falls silent. Synchronous, so that those
 * checks see each event when it happens.
 */
final class BundleActivityLog implements SynchronousBundleListener {

    private final Set<String> launcherLocations = ConcurrentHashMap.newKeySet();
    private volatile boolean startupFinished;
    private volatile boolean shutdownStarted;

    void installedByLauncher(String location) {
        launcherLocations.add(location);
    }

    void startupFinished() {
        startupFinished = true;
    }

    void shutdownStarted() {
        shutdownStarted = true;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (bundle.getBundleId() == 0 || shutdownStarted || !startupFinished && launcherLocations.contains(bundle.getLocation())) {
            return;
        }
        String what = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "installed";
            case BundleEvent.UPDATED -> "updated";
            case BundleEvent.STARTED -> "started";
            case BundleEvent.STOPPED -> "stopped";
            case BundleEvent.UNINSTALLED -> "uninstalled";
            default -> null;
        };
        if (what != null) {
            Console.info("Bundle " + what + ": " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " [" + bundle.getBundleId() + "] from " + bundle.getLocation());
        }
    }
}
