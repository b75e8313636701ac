package io.switchboard.rest.internal.resource;

import io.switchboard.api.channel.Health;
import io.switchboard.channels.ChannelRuntime;
import io.switchboard.channels.ChannelTypeInfo;
import io.switchboard.channels.ConfigSchema;
import io.switchboard.channels.InstanceInfo;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.rest.internal.auth.AdminOnly;
import io.switchboard.rest.internal.problem.Validation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Configured channel instances, for admins. Secret fields are accepted and never returned: not in
 * the instance, not in an error message.
 */
@Path("api/v1/channel-instances")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class ChannelInstanceResource {
    private final CoreServices services;

    public ChannelInstanceResource(CoreServices services) {
        this.services = services;
    }

    public record CreateInstanceRequest(String id, String type, Map<String, Object> configuration) {
    }

    public record UpdateInstanceRequest(Map<String, Object> configuration) {
    }

    /** An instance as shown: {@code secretsSet} names the secret fields that have a value. */
    public record InstanceView(String id, String type, boolean active, Health health,
            Map<String, Object> configuration, Set<String> secretsSet) {
    }

    @GET
    public List<InstanceView> list() {
        ChannelRuntime channels = services.channels();
        return channels.instances().stream().map(instance -> view(channels, instance)).toList();
    }

    @GET
    @Path("{id}")
    public InstanceView get(@PathParam("id") String id) {
        ChannelRuntime channels = services.channels();
        return view(channels, channels.instance(id).orElseThrow(() -> noSuchInstance(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateInstanceRequest body, @Context UriInfo uri) {
        Validation.requireBody(body);
        ChannelRuntime channels = services.channels();
        Optional<ChannelTypeInfo> type = body.type() == null ? Optional.empty() : channels.type(body.type());
        new Validation().require("id", body.id()).require("type", body.type())
                .check(body.type() == null || type.isPresent(), "type", "is not an installed channel type")
                .throwIfInvalid();
        Map<String, Object> values = body.configuration() == null ? Map.of() : body.configuration();
        SecretScrubber scrubber = SecretScrubber.forSubmitted(values, type.map(ChannelTypeInfo::schema));
        InstanceInfo created = scrubbed(scrubber, () -> channels.create(body.type(), body.id(), values));
        URI location = uri.getBaseUriBuilder().path("api/v1/channel-instances").path(created.id()).build();
        return Response.created(location).entity(view(channels, created)).build();
    }

    /** Replaces the configuration; secret fields left out keep their current value. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public InstanceView update(@PathParam("id") String id, UpdateInstanceRequest body) {
        Validation.requireBody(body);
        new Validation().require("configuration", body.configuration()).throwIfInvalid();
        ChannelRuntime channels = services.channels();
        InstanceInfo existing = channels.instance(id).orElseThrow(() -> noSuchInstance(id));
        SecretScrubber scrubber = SecretScrubber.forSubmitted(body.configuration(), schemaOf(channels, existing.type()));
        return view(channels, scrubbed(scrubber, () -> channels.update(id, body.configuration())));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        services.channels().delete(id);
        return Response.noContent().build();
    }

    private static InstanceInfo scrubbed(SecretScrubber scrubber, Supplier<InstanceInfo> change) {
        try {
            return change.get();
        } catch (RuntimeException e) {
            throw scrubber.scrub(e);
        }
    }

    /**
     * The runtime already leaves secrets out of an instance; the type's schema is applied once more
     * here so that a slip there cannot put a password on the wire.
     */
    private static InstanceView view(ChannelRuntime channels, InstanceInfo instance) {
        Set<String> secretFields = SecretScrubber.secretFields(schemaOf(channels, instance.type()));
        return new InstanceView(instance.id(), instance.type(), instance.active(), instance.health(),
                SecretScrubber.withoutSecrets(instance.configuration(), secretFields),
                instance.secretsSet() == null ? Set.of() : instance.secretsSet());
    }

    private static Optional<ConfigSchema> schemaOf(ChannelRuntime channels, String typeId) {
        return typeId == null ? Optional.empty() : channels.type(typeId).map(ChannelTypeInfo::schema);
    }

    private static NoSuchElementException noSuchInstance(String id) {
        return new NoSuchElementException("There is no channel instance '" + id + "'.");
    }
}
