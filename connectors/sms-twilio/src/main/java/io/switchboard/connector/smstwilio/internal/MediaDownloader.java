package io.switchboard.connector.smstwilio.internal;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.model.Attachment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.hc.core5.http.Header;

/**
 * Fetches MMS media. Twilio's media URLs ({@code https://api.twilio.com/…/Media/ME…}) need the
 * account's credentials and answer with a redirect to a short-lived, pre-signed URL on Twilio's file
 * host. The first request goes through the SDK's own client, which adds the credentials; the SDK's
 * HTTP client never follows redirects (its redirect strategy refuses every one), so the redirect is
 * followed here, by a plain request through the same pool that carries no credentials at all: the
 * file host, a storage service outside Twilio's API, must not see them.
 */
final class MediaDownloader {

    /** Twilio answers with one redirect; a few more are tolerated, a loop is not. */
    static final int MAX_REDIRECTS = 5;

    private final TwilioTransport transport;
    private final TwilioSettings settings;
    private final long maxBytes;

    MediaDownloader(TwilioTransport transport, TwilioSettings settings, long maxBytes) {
        this.transport = transport;
        this.settings = settings;
        this.maxBytes = maxBytes;
    }

    MediaResult fetch(Attachment attachment) {
        URI uri;
        try {
            uri = new URI(attachment.url());
        } catch (URISyntaxException e) {
            return MediaResult.failed("the media URL is not a URL: " + e.getMessage());
        }
        if (!isTwilioApi(uri)) {
            // The account's credentials go to Twilio's API only; anything else stays a link.
            return MediaResult.keepReference();
        }
        TwilioExchange exchange = new TwilioExchange(transport, settings);
        Response response;
        try {
            Request request = new Request(HttpMethod.GET, uri.toString());
            request.addHeaderParam("Accept", "*/*");
            response = exchange.client().request(request);
        } catch (ApiException e) {
            return MediaResult.retry("could not reach Twilio: " + e.getMessage());
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return fetched(response);
        }
        if (status >= 300 && status < 400) {
            String location = header(response, "Location");
            if (location == null) {
                return MediaResult.failed("Twilio answered " + status + " without saying where the media is");
            }
            return follow(uri.resolve(location.strip()));
        }
        return failure("Twilio", status);
    }

    /** The file host's answers, followed without credentials. */
    private MediaResult follow(URI location) {
        URI next = location;
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || next.getHost() == null) {
                return MediaResult.failed("Twilio redirected the media to an unusable location");
            }
            TwilioTransport.Download download;
            try {
                download = transport.download(next, maxBytes);
            } catch (IOException e) {
                return MediaResult.retry("could not download the media from " + next.getHost() + ": " + e);
            }
            if (download.tooLarge()) {
                return tooLarge();
            }
            if (download.content() != null) {
                return MediaResult.fetched(download.content(), download.contentType());
            }
            if (download.location() == null) {
                return download.status() >= 300 && download.status() < 400
                        ? MediaResult.failed(next.getHost() + " answered " + download.status() + " without a location")
                        : failure(next.getHost(), download.status());
            }
            next = download.location();
        }
        return MediaResult.failed("more than " + MAX_REDIRECTS + " redirects on the way to the media");
    }

    /** Media Twilio served itself, already read whole by the SDK. */
    private MediaResult fetched(Response response) {
        try (InputStream in = response.getStream()) {
            byte[] content = in == null ? new byte[0] : in.readAllBytes();
            if (content.length > maxBytes) {
                return tooLarge();
            }
            return MediaResult.fetched(content, header(response, "Content-Type"));
        } catch (IOException e) {
            return MediaResult.retry("the media could not be read: " + e);
        }
    }

    private MediaResult tooLarge() {
        return MediaResult.failed("too large: more than the " + maxBytes + " bytes kept per attachment");
    }

    /**
     * 429 and 5xx pass; a 403 from the file host is an expired link, which a new request to Twilio
     * renews; 401 is credentials an admin fixes meanwhile; 404 and the rest stay as they are.
     */
    private static MediaResult failure(String who, int status) {
        String answered = who + " answered " + status;
        if (status == 429 || status >= 500) {
            return MediaResult.retry(answered);
        }
        if (status == 401) {
            return MediaResult.retry(answered + ": check the " + TwilioSettings.ACCOUNT_SID + " and "
                    + TwilioSettings.AUTH_TOKEN + " in the channel settings");
        }
        if (status == 403 && !who.equals("Twilio")) {
            return MediaResult.retry(answered + " (the download link may have expired)");
        }
        if (status == 404) {
            return MediaResult.failed(answered + ": the media no longer exists (deleted at Twilio?)");
        }
        return MediaResult.failed(answered);
    }

    /** Twilio's REST API over HTTPS, where media URLs live; the SDK would send the credentials there anyway. */
    static boolean isTwilioApi(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(uri.getScheme()) && (host.equals("api.twilio.com")
                || host.endsWith(".twilio.com") && host.startsWith("api."));
    }

    private static String header(Response response, String name) {
        if (response.getHeaders() == null) {
            return null;
        }
        for (Header header : response.getHeaders()) {
            if (header.getName().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
