package io.switchboard.launcher;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;

/**
 * One line that says whether every bundle came up, e.g.
 * {@code Bundles: 15 active, 1 fragment, 0 not active} or
 * {@code Bundles: 14 active, 1 fragment, 1 not active: slf4j.api 2.0.17 (INSTALLED): Unable to resolve ...}.
 * It covers every bundle in the framework: those of bundles/ and those FileInstall started from
 * deploy/ during start-up. Tests and admins read it instead of asking a console; its shape is part
 * of the launcher's contract.
 */
record StartupReport(String line, boolean allActive) {

    static StartupReport of(BundleContext context, StartFailures failures) {
        int active = 0;
        int fragments = 0;
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0) {
                continue;
            }
            boolean fragment = isFragment(bundle);
            if (fragment && bundle.getState() == Bundle.RESOLVED) {
                fragments++;
            } else if (!fragment && bundle.getState() == Bundle.ACTIVE) {
                active++;
            } else {
                notActive.add(describe(bundle, failures.of(bundle.getBundleId())));
            }
        }
        String line = "Bundles: " + active + " active, " + fragments + (fragments == 1 ? " fragment, " : " fragments, ")
                + notActive.size() + " not active";
        return notActive.isEmpty()
                ? new StartupReport(line, true)
                : new StartupReport(line + ": " + String.join("; ", notActive), false);
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static String describe(Bundle bundle, Throwable failure) {
        String described = bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + stateName(bundle.getState()) + ")";
        return failure == null ? described : described + ": " + rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getName();
        return message.replace('\n', ' ');
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }
}
