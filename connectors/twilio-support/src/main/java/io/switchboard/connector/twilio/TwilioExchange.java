package io.switchboard.connector.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.core5.http.Header;

/**
 * One call to Twilio's API through the instance's {@link TwilioTransport}. It keeps the answer, because
 * the SDK's exceptions drop the headers and a 429's {@code Retry-After} is needed; one object per call
 * rather than per instance, because calls of one instance (a send, a media download, the scheduled
 * account check) may run at the same time.
 */
public final class TwilioExchange extends HttpClient {

    private final TwilioTransport transport;
    private final TwilioRestClient client;
    private volatile Response response;

    public TwilioExchange(TwilioTransport transport, TwilioAccount account) {
        this.transport = transport;
        this.client = new TwilioRestClient.Builder(account.accountSid(), account.authToken()).httpClient(this).build();
    }

    /** The SDK client to pass to a creator, reader or updater. */
    public TwilioRestClient client() {
        return client;
    }

    @Override
    public Response makeRequest(Request request) {
        Response answer = transport.makeRequest(request);
        response = answer;
        return answer;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    /** The status of the answer, or -1 when none came. */
    public int status() {
        Response answer = response;
        return answer == null ? -1 : answer.getStatusCode();
    }

    /** A header of the answer, or null. */
    public String header(String name) {
        Response answer = response;
        return answer == null ? null : header(answer, name);
    }

    /** A header of {@code answer}, or null. */
    static String header(Response answer, String name) {
        if (answer.getHeaders() == null) {
            return null;
        }
        for (Header header : answer.getHeaders()) {
            if (header.getName().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
