package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.auth.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3.1 description of this API, readable without a token. */
@Path("api/v1/openapi.json")
@PublicEndpoint
public final class OpenApiResource {
    /** Beside this class in the bundle; a test checks that it describes every resource method. */
    public static final String DOCUMENT = "openapi.json";

    private final byte[] document = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get() {
        return document.clone();
    }

    private static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
