package io.switchboard.rest.internal;

import io.switchboard.bridges.BridgeRuntime;
import io.switchboard.channels.ChannelRuntime;
import io.switchboard.rest.internal.auth.AdminTokenBootstrap;
import io.switchboard.rest.internal.auth.ApiTokens;
import io.switchboard.rest.internal.auth.StoreTokenRepository;
import io.switchboard.rest.internal.problem.ProblemException;
import io.switchboard.store.Store;
import io.switchboard.tickets.TicketService;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ResourceConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the REST API on the HTTP whiteboard at {@code /*} (the channel runtime's {@code /hooks/*}
 * is longer and so wins for webhooks). The core services are optional and dynamic: the API answers
 * {@code /health} while the store is still starting, and 503 where it needs a service that is gone.
 *
 * <p>Jersey's initialisation takes about a second, so the servlet is built and registered on a
 * thread of its own instead of the framework's start thread; that thread also creates the first admin
 * token once the store is there.
 */
@Component(immediate = true)
public final class RestComponent {
    static final String SERVLET_NAME = "switchboard-rest";
    static final String HOME_PROPERTY = "switchboard.home";
    private static final Logger LOG = LoggerFactory.getLogger(RestComponent.class);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final CoreServices services = new CoreServices();
    private final ApiTokens tokens = new ApiTokens(new StoreTokenRepository(services));
    private volatile ExecutorService worker;
    private volatile AdminTokenBootstrap adminTokenBootstrap;
    private volatile ServiceRegistration<Servlet> registration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(Store store) {
        services.setStore(store);
        scheduleAdminTokenCheck();
    }

    void unbindStore(Store store) {
        services.clearStore(store);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTicketService(TicketService tickets) {
        services.setTickets(tickets);
    }

    void unbindTicketService(TicketService tickets) {
        services.clearTickets(tickets);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindChannelRuntime(ChannelRuntime channels) {
        services.setChannels(channels);
    }

    void unbindChannelRuntime(ChannelRuntime channels) {
        services.clearChannels(channels);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBridgeRuntime(BridgeRuntime bridges) {
        services.setBridges(bridges);
    }

    void unbindBridgeRuntime(BridgeRuntime bridges) {
        services.clearBridges(bridges);
    }

    @Activate
    void activate(BundleContext context) {
        adminTokenBootstrap = new AdminTokenBootstrap(tokens, adminTokenFile(context));
        worker = Executors.newSingleThreadExecutor(task -> new Thread(task, "switchboard-rest-start"));
        worker.execute(() -> publish(context));
        scheduleAdminTokenCheck();
    }

    @Deactivate
    void deactivate() {
        ExecutorService running = worker;
        worker = null;
        running.shutdown();
        try {
            if (!running.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The REST API's start thread did not finish within {} s", STOP_TIMEOUT_SECONDS);
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServiceRegistration<Servlet> published = registration;
        registration = null;
        if (published != null) {
            try {
                published.unregister();
            } catch (IllegalStateException alreadyGone) {
                LOG.debug("The REST servlet was already unregistered");
            }
        }
    }

    /** Builds the Jersey application and registers its servlet; the whiteboard initialises it here. */
    private void publish(BundleContext context) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestComponent.class.getClassLoader());
        try {
            long started = System.nanoTime();
            ResourceConfig config = RestApplication.resourceConfig(services, tokens);
            Servlet servlet = RestApplication.servlet(config);
            registration = context.registerService(Servlet.class, servlet, servletProperties());
            LOG.info("REST API published at /api/v1, /health and /metrics in {} ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Could not publish the REST API", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static Dictionary<String, Object> servletProperties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/*");
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, SERVLET_NAME);
        return properties;
    }

    private void scheduleAdminTokenCheck() {
        ExecutorService running = worker;
        if (running == null || services.currentStore().isEmpty()) {
            return;
        }
        try {
            running.execute(this::ensureAdminToken);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not checking for an admin token: the REST API is stopping");
        }
    }

    private void ensureAdminToken() {
        try {
            adminTokenBootstrap.ensureAdminToken();
        } catch (ProblemException storeGone) {
            LOG.info("The store went away before the first admin token could be checked; "
                    + "it is checked again when the store returns");
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not create the first admin API token", e);
        }
    }

    private static Path adminTokenFile(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        Path base = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return base.resolve("data").resolve("admin-token");
    }
}
