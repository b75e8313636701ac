package io.switchboard.rest.internal.resource;

import io.switchboard.rest.internal.CoreServices;
import io.switchboard.tickets.MediaContent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/** The stored content of attachments, for agents. */
@Path("api/v1/attachments")
public final class AttachmentResource {
    private static final String FALLBACK_TYPE = MediaType.APPLICATION_OCTET_STREAM;

    private final CoreServices services;

    public AttachmentResource(CoreServices services) {
        this.services = services;
    }

    /**
     * The bytes as they were fetched. The content comes from customers, so browsers are told to save it
     * rather than render it here, not to guess another type, and to run nothing in it if they do show it.
     */
    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@PathParam("id") long id) {
        MediaContent media = services.tickets().media(id).orElseThrow(() -> new NoSuchElementException(
                "Attachment " + id + " has no stored content: there is no such attachment, or its content "
                        + "was not fetched (see its status on the ticket)."));
        return Response.ok(media.content(), mediaType(media.contentType()))
                .header("Content-Length", Integer.toString(media.content().length))
                .header("Content-Disposition", disposition(media.fileName(), id))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, max-age=0")
                .build();
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return MediaType.valueOf(FALLBACK_TYPE);
        }
        try {
            return MediaType.valueOf(contentType.strip());
        } catch (IllegalArgumentException notAMediaType) {
            return MediaType.valueOf(FALLBACK_TYPE);
        }
    }

    /**
     * {@code attachment} with the name twice (RFC 6266): as plain ASCII for every client, and exactly,
     * UTF-8 percent-encoded, for those that read {@code filename*}.
     */
    static String disposition(String fileName, long id) {
        String name = fileName == null ? "" : fileName.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
        if (name.isEmpty()) {
            name = "attachment-" + id;
        }
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
