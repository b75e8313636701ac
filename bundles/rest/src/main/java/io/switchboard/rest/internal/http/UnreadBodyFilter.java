package io.switchboard.rest.internal.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request body before the answer goes out. An answer given without reading
 * the body (401, 405, 415, …) would otherwise make Jetty close the connection after it, if the body
 * had not fully arrived, without telling the client; a client that reuses the connection then fails
 * its next request. A body too large to be worth reading gets {@code Connection: close} instead.
 */
public final class UnreadBodyFilter implements ContainerResponseFilter {
    static final int MAX_DRAINED_BYTES = 1 << 20;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            InputStream body = request.getEntityStream();
            if (body == null) {
                return;
            }
            byte[] buffer = new byte[8192];
            long drained = 0;
            int read;
            while ((read = body.read(buffer)) != -1) {
                drained += read;
                if (drained > MAX_DRAINED_BYTES) {
                    response.getHeaders().putSingle("Connection", "close");
                    return;
                }
            }
        } catch (IOException | IllegalStateException alreadyClosed) {
            // The resource read and closed the body itself: nothing is left to read.
        }
    }
}
