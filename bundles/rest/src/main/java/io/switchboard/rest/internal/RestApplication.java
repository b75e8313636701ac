package io.switchboard.rest.internal;

import io.switchboard.rest.internal.auth.AccessFeature;
import io.switchboard.rest.internal.auth.ApiTokens;
import io.switchboard.rest.internal.auth.AuthenticationFilter;
import io.switchboard.rest.internal.http.UnreadBodyFilter;
import io.switchboard.rest.internal.json.ObjectMapperResolver;
import io.switchboard.rest.internal.problem.JsonExceptionMapper;
import io.switchboard.rest.internal.problem.ProblemExceptionMapper;
import io.switchboard.rest.internal.problem.ServiceExceptionMapper;
import io.switchboard.rest.internal.problem.WebApplicationExceptionMapper;
import io.switchboard.rest.internal.resource.AgentResource;
import io.switchboard.rest.internal.resource.AttachmentResource;
import io.switchboard.rest.internal.resource.CallResource;
import io.switchboard.rest.internal.resource.CallbackResource;
import io.switchboard.rest.internal.resource.ChannelInstanceResource;
import io.switchboard.rest.internal.resource.ChannelTypeResource;
import io.switchboard.rest.internal.resource.CustomerResource;
import io.switchboard.rest.internal.resource.HealthResource;
import io.switchboard.rest.internal.resource.MeResource;
import io.switchboard.rest.internal.resource.MetricsResource;
import io.switchboard.rest.internal.resource.OpenApiResource;
import io.switchboard.rest.internal.resource.TicketResource;
import io.switchboard.rest.internal.resource.TokenResource;
import jakarta.servlet.Servlet;
import java.util.List;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** The Jersey application: resources, JSON, problem mapping and token authentication. */
public final class RestApplication {
    private RestApplication() {
    }

    public static ResourceConfig resourceConfig(CoreServices services, ApiTokens tokens) {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("switchboard-rest");
        // Everything is registered explicitly below: no scanning of META-INF/services for providers,
        // no WADL (it needs a JAXB runtime), no bean validation.
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        // Error statuses go out as the problem bodies written here, never as the container's error page.
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);

        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new ObjectMapperResolver());
        config.register(new ProblemExceptionMapper());
        config.register(new WebApplicationExceptionMapper());
        config.register(new JsonExceptionMapper());
        config.register(new ServiceExceptionMapper());
        config.register(new AuthenticationFilter(tokens));
        config.register(new AccessFeature());
        config.register(new UnreadBodyFilter());
        registerResources(config, resources(services, tokens));
        return config;
    }

    /**
     * Registers each resource by its class and binds that class to the instance built here. Registered
     * as instances, Jersey would also take them for providers and warn about each one at start.
     */
    private static void registerResources(ResourceConfig config, List<Object> resources) {
        resources.forEach(resource -> config.register(resource.getClass()));
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                resources.forEach(this::bindToItsClass);
            }

            @SuppressWarnings("unchecked")
            private <T> void bindToItsClass(T resource) {
                bind(resource).to((Class<T>) resource.getClass());
            }
        });
    }

    /** Every resource of the API; the OpenAPI document must describe each of their methods. */
    public static List<Object> resources(CoreServices services, ApiTokens tokens) {
        return List.of(
                new TicketResource(services),
                new CustomerResource(services),
                new AttachmentResource(services),
                new CallResource(services),
                new AgentResource(services),
                new CallbackResource(services),
                new ChannelTypeResource(services),
                new ChannelInstanceResource(services),
                new TokenResource(tokens),
                new MeResource(),
                new HealthResource(services),
                new MetricsResource(services),
                new OpenApiResource());
    }

    /** The servlet serving the application, with this bundle's loader as context class loader. */
    public static Servlet servlet(ResourceConfig config) {
        return new ContextClassLoaderServlet(new ServletContainer(config), RestApplication.class.getClassLoader());
    }
}
