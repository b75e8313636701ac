package io.switchboard.launcher;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The URL Switchboard really serves on, as published by the HTTP runtime in its
 * {@code osgi.http.endpoint} service property once Jetty listens: this is the address that
 * works, whatever the configured host and port were.
 */
final class HttpEndpoint {

    private static final String ENDPOINT = "osgi.http.endpoint";

    private HttpEndpoint() {
    }

    static Optional<String> await(BundleContext context, Duration timeout) throws InterruptedException {
        Filter filter;
        try {
            filter = context.createFilter("(" + ENDPOINT + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                return Optional.empty();
            }
            ServiceReference<Object> reference = tracker.getServiceReference();
            return reference == null ? Optional.empty() : first(reference.getProperty(ENDPOINT));
        } finally {
            tracker.close();
        }
    }

    private static Optional<String> first(Object value) {
        if (value instanceof String endpoint) {
            return Optional.of(endpoint);
        }
        if (value instanceof String[] endpoints && endpoints.length > 0) {
            return Optional.of(endpoints[0]);
        }
        if (value instanceof Collection<?> endpoints && !endpoints.isEmpty()) {
            return Optional.of(String.valueOf(endpoints.iterator().next()));
        }
        return Optional.empty();
    }
}
