package io.switchboard.rest.internal.resource;

import io.switchboard.api.channel.Health;
import io.switchboard.channels.InstanceInfo;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.rest.internal.auth.PublicEndpoint;
import io.switchboard.rest.internal.problem.Problems;
import io.switchboard.store.Store;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Health for operators and load balancers. Overall: 200 once the store, the ticket service and the
 * channel runtime are up ({@code DEGRADED} if any channel instance is not online), 503 {@code
 * STARTING} before. Per channel instance: 200 while it is online or degraded, 503 when it is offline
 * or not yet known. Bridge instances likewise, under {@code bridges}.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@PublicEndpoint
public final class HealthResource {
    public enum Overall { UP, DEGRADED, STARTING }

    private final CoreServices services;

    public HealthResource(CoreServices services) {
        this.services = services;
    }

    public record ChannelHealth(String id, String type, Health.Status status, Health.Reason reason, String message) {
        static ChannelHealth of(InstanceInfo instance) {
            Health health = instance.health() != null ? instance.health() : Health.starting();
            return new ChannelHealth(instance.id(), instance.type(), health.status(), health.reason(),
                    health.message());
        }

        boolean serving() {
            return status == Health.Status.ONLINE || status == Health.Status.DEGRADED;
        }
    }

    public record HealthReport(Overall status, String store, List<ChannelHealth> channels, List<ChannelHealth> bridges) {
    }

    /**
     * The database product and version only: this answer needs no token, and the rest of the store's
     * description names a file path or a database.
     */
    private static String product(Store store) {
        String description = store.description();
        int detail = description.indexOf(" (");
        return detail < 0 ? description : description.substring(0, detail);
    }

    @GET
    public Response overall() {
        String store = services.currentStore().map(HealthResource::product).orElse("starting");
        List<ChannelHealth> channels = services.currentChannels()
                .map(runtime -> runtime.instances().stream().map(ChannelHealth::of).toList())
                .orElse(List.of());
        List<ChannelHealth> bridges = services.currentBridges()
                .map(runtime -> runtime.instances().stream().map(ChannelHealth::of).toList())
                .orElse(List.of());
        if (!services.allPresent()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
                    .entity(new HealthReport(Overall.STARTING, store, channels, bridges))
                    .build();
        }
        boolean allOnline = java.util.stream.Stream.concat(channels.stream(), bridges.stream())
                .allMatch(instance -> instance.status() == Health.Status.ONLINE);
        return Response.ok(new HealthReport(allOnline ? Overall.UP : Overall.DEGRADED, store, channels, bridges)).build();
    }

    @GET
    @Path("channels/{id}")
    public Response channel(@PathParam("id") String id) {
        InstanceInfo instance = services.channels().instance(id)
                .orElseThrow(() -> new NoSuchElementException("There is no channel instance '" + id + "'."));
        return answer(ChannelHealth.of(instance));
    }

    @GET
    @Path("bridges/{id}")
    public Response bridge(@PathParam("id") String id) {
        InstanceInfo instance = services.currentBridges().stream().flatMap(runtime -> runtime.instances().stream())
                .filter(bridge -> bridge.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("There is no bridge instance '" + id + "'."));
        return answer(ChannelHealth.of(instance));
    }

    private static Response answer(ChannelHealth health) {
        return Response.status(health.serving() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(health)
                .build();
    }
}
