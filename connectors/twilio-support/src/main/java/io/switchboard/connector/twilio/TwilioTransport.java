package io.switchboard.connector.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP connection pool of one instance, as the SDK's own {@link NetworkHttpClient} with three
 * changes:
 * <ul>
 *   <li>one attempt per call: the SDK would repeat a request answered with a 5xx three times, on the
 *       caller's thread, which is one of the core's few threads (its outbox, media or scheduler thread),
 *       and a repeated send could send a message twice; the core retries with back-off instead;</li>
 *   <li>a 10 s read timeout instead of 30 s, for the same threads;</li>
 *   <li>with an API base URL (tests), every connection goes to that host instead of *.twilio.com.
 *       The SDK still builds its real URLs, paths and parameters, so a test sees exactly what Twilio
 *       would.</li>
 * </ul>
 * Apache HttpClient's classic pool starts no threads, so closing it in dispose leaves nothing running.
 */
public final class TwilioTransport extends NetworkHttpClient {

    static final Timeout READ_TIMEOUT = Timeout.ofSeconds(10);

    private final HttpClientConnectionManager connections;
    private volatile boolean closed;

    private TwilioTransport(HttpClientBuilder builder, HttpClientConnectionManager connections) {
        super(builder);
        this.connections = connections;
    }

    /** @param apiBaseUrl where every connection goes instead of Twilio (tests), or null */
    public static TwilioTransport create(URI apiBaseUrl) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(READ_TIMEOUT).setSoKeepAlive(true).build())
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(connections)
                // Apache's own retries would re-send a request behind the core's back.
                .disableAutomaticRetries()
                .disableCookieManagement();
        if (apiBaseUrl != null) {
            HttpHost target = new HttpHost(apiBaseUrl.getScheme().toLowerCase(Locale.ROOT), apiBaseUrl.getHost(),
                    apiBaseUrl.getPort());
            boolean secure = target.getSchemeName().equals("https");
            builder.setRoutePlanner((host, context) -> new HttpRoute(target, null, secure));
        }
        return new TwilioTransport(builder, connections);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    /**
     * What a plain GET of a media file answered: the status, the redirect's target, or the content
     * (null when it was larger than allowed).
     */
    public record Download(int status, URI location, byte[] content, String contentType, boolean tooLarge) {
    }

    /**
     * GETs {@code uri} without credentials through this instance's pool, reading at most {@code
     * maxBytes} of the body: for media files on the host Twilio redirects to, which must never see the
     * account's credentials. Redirects are not followed (the SDK's redirect strategy never does).
     *
     * @throws IOException when no answer came, or the body broke off
     */
    public Download download(URI uri, long maxBytes) throws IOException {
        HttpGet get = new HttpGet(uri);
        get.setConfig(com.twilio.http.HttpClient.DEFAULT_REQUEST_CONFIG);
        get.setHeader("Accept", "*/*");
        try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
            int status = response.getCode();
            if (status >= 300 && status < 400) {
                Header location = response.getFirstHeader("Location");
                return new Download(status, location == null ? null : uri.resolve(location.getValue().strip()),
                        null, null, false);
            }
            HttpEntity entity = response.getEntity();
            if (status < 200 || status >= 300 || entity == null) {
                return new Download(status, null, status < 300 ? new byte[0] : null, null, false);
            }
            String contentType = entity.getContentType();
            if (entity.getContentLength() > maxBytes) {
                // Closing without reading the rest drops the connection instead of draining a large body.
                return new Download(status, null, null, contentType, true);
            }
            byte[] content = readAtMost(entity.getContent(), maxBytes);
            return new Download(status, null, content, contentType, content == null);
        }
    }

    /** The whole stream, or null when it holds more than {@code maxBytes}. */
    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = in.read(buffer)) >= 0; ) {
            total += read;
            if (total > maxBytes) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Whether the instance is gone: a scheduled task still running then reports nothing. */
    public boolean isClosed() {
        return closed;
    }

    public void close() {
        closed = true;
        client.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }
}
