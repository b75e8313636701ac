package io.switchboard.rest.internal.resource;

import io.switchboard.channels.ChannelTypeInfo;
import io.switchboard.channels.ConfigSchema;
import io.switchboard.rest.internal.CoreServices;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.NoSuchElementException;

/** Installed channel types: what each can do and the configuration fields an instance of it takes. */
@Path("api/v1/channel-types")
@Produces(MediaType.APPLICATION_JSON)
public final class ChannelTypeResource {
    private final CoreServices services;

    public ChannelTypeResource(CoreServices services) {
        this.services = services;
    }

    @GET
    public List<ChannelTypeInfo> list() {
        return services.channels().types().stream().map(ChannelTypeResource::withoutSecretDefaults).toList();
    }

    @GET
    @Path("{id}")
    public ChannelTypeInfo get(@PathParam("id") String id) {
        return services.channels().type(id)
                .map(ChannelTypeResource::withoutSecretDefaults)
                .orElseThrow(() -> new NoSuchElementException("No channel type '" + id + "' is installed."));
    }

    /** Agents read types too: a default value of a password field is a secret all the same. */
    private static ChannelTypeInfo withoutSecretDefaults(ChannelTypeInfo type) {
        ConfigSchema schema = type.schema();
        if (schema == null) {
            return type;
        }
        List<ConfigSchema.Field> fields = schema.fields().stream()
                .map(f -> f.type() != ConfigSchema.Type.PASSWORD ? f
                        : new ConfigSchema.Field(f.id(), f.name(), f.description(), f.type(), f.required(),
                                f.multiple(), List.of(), f.options()))
                .toList();
        return new ChannelTypeInfo(type.id(), type.displayName(), type.kind(), type.capabilities(), type.bundle(),
                type.bundleVersion(), new ConfigSchema(schema.pid(), schema.name(), schema.description(), fields));
    }
}
