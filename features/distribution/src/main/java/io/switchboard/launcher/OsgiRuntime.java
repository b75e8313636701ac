package io.switchboard.launcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/** The Felix framework with Switchboard's bundles installed, and its orderly start and stop. */
final class OsgiRuntime {

    /** Felix-specific: the framework's log goes through this object. */
    private static final String FELIX_LOGGER = "felix.log.logger";
    /** Felix-specific: start level of bundles installed later, i.e. hot-deployed ones. */
    static final String INITIAL_BUNDLE_START_LEVEL = "felix.startlevel.bundle";

    private final Framework framework;
    private final StartFailures failures = new StartFailures();
    private final BundleActivityLog activityLog = new BundleActivityLog();

    private OsgiRuntime(Framework framework) {
        this.framework = framework;
    }

    static OsgiRuntime create(Map<String, String> properties) throws LaunchException {
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            throw new LaunchException("No OSGi framework on the class path: is lib/ next to switchboard.jar?");
        }
        Map<String, Object> configuration = new HashMap<>(properties);
        configuration.put(FELIX_LOGGER, new FelixLog());
        return new OsgiRuntime(factories.next().newFramework(stringly(configuration)));
    }

    /**
     * Felix takes objects as property values (here its logger), although the standard factory
     * method is typed for strings; the map is only ever read by Felix.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> stringly(Map<String, Object> configuration) {
        return (Map) configuration;
    }

    /**
     * Installs the bundles, marks each for start at its level, and raises the framework to its
     * beginning start level; returns when every level has been started.
     */
    void start(List<BundleFile> bundles) throws LaunchException {
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            context.addFrameworkListener(failures);
            context.addBundleListener(activityLog);
            for (BundleFile file : bundles) {
                install(context, file);
            }
            framework.start();
            context.removeFrameworkListener(failures);
            activityLog.startupFinished();
        } catch (BundleException e) {
            throw new LaunchException("The OSGi framework did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Installs by reference: Felix reads the jar where it lies instead of copying it into its cache
     * on every start (the cache is emptied on each start, and bundles/ does not change while running).
     */
    private void install(BundleContext context, BundleFile file) throws LaunchException {
        String location = "reference:" + file.path().toUri();
        activityLog.installedByLauncher(location);
        try {
            Bundle bundle = context.installBundle(location);
            if (!StartupReport.isFragment(bundle)) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(file.startLevel());
                // below the framework's current level this only records that the bundle is to start
                bundle.start();
            }
        } catch (BundleException e) {
            throw new LaunchException("Cannot install " + file.path() + ": " + e.getMessage(), e);
        }
    }

    StartupReport report() {
        return StartupReport.of(framework.getBundleContext(), failures);
    }

    Optional<String> awaitHttpEndpoint(Duration timeout) throws InterruptedException {
        return HttpEndpoint.await(framework.getBundleContext(), timeout);
    }

    /** Blocks until the framework has stopped, for whatever reason. */
    FrameworkEvent awaitStop() throws InterruptedException {
        return framework.waitForStop(0);
    }

    /**
     * Stops every bundle in reverse start order and returns whether that finished in time. Safe to
     * call from several threads and when already stopped.
     */
    boolean stop(Duration timeout) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
            return true;
        }
        activityLog.shutdownStarted();
        try {
            framework.stop();
            return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException e) {
            Console.error("Stopping the OSGi framework failed", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void defaultStartLevels(Map<String, String> properties, List<BundleFile> bundles) {
        int highest = bundles.stream().mapToInt(BundleFile::startLevel).max().orElse(1);
        properties.putIfAbsent(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(highest));
        properties.putIfAbsent(INITIAL_BUNDLE_START_LEVEL, Integer.toString(highest));
    }
}
