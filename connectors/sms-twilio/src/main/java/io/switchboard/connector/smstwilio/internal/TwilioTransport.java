package io.switchboard.connector.smstwilio.internal;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.Locale;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP connection pool of one instance, as the SDK's own {@link NetworkHttpClient} with three
 * changes:
 * <ul>
 *   <li>one attempt per call: the SDK would repeat a request answered with a 5xx three times, on the
 *       caller's thread, which could send an SMS twice and holds the core's single outbox thread;
 *       the outbox retries with back-off instead;</li>
 *   <li>a 10 s read timeout instead of 30 s, for the same outbox thread;</li>
 *   <li>with an API base URL (tests), every connection goes to that host instead of *.twilio.com.
 *       The SDK still builds its real URLs, paths and parameters, so a test sees exactly what Twilio
 *       would.</li>
 * </ul>
 * Apache HttpClient's classic pool starts no threads, so closing it in dispose leaves nothing running.
 */
final class TwilioTransport extends NetworkHttpClient {

    static final Timeout READ_TIMEOUT = Timeout.ofSeconds(10);

    private final HttpClientConnectionManager connections;
    private volatile boolean closed;

    private TwilioTransport(HttpClientBuilder builder, HttpClientConnectionManager connections) {
        super(builder);
        this.connections = connections;
    }

    static TwilioTransport create(URI apiBaseUrl) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(READ_TIMEOUT).setSoKeepAlive(true).build())
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(connections)
                // Apache's own retries would re-send a request behind the outbox's back.
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

    /** Whether the instance is gone: a scheduled task still running then reports nothing. */
    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        client.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }
}
