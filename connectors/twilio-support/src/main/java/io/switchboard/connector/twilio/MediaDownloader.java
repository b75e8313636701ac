package io.switchboard.connector.twilio;

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

/**
 * Fetches media Twilio keeps: MMS media ({@code https://api.twilio.com/…/Media/ME…}) or call recordings
 * ({@code …/Recordings/RE….mp3}). Their URLs need the account's credentials (recordings when the account
 * enforces HTTP authentication on media) and answer with the content itself or with a redirect to a
 * short-lived, pre-signed URL on Twilio's file host. The first request goes through the SDK's own
 * client, which adds the credentials; the SDK's HTTP client never follows redirects (its redirect
 * strategy refuses every one), so the redirect is followed here, by a plain request through the same
 * pool that carries no credentials at all: the file host, a storage service outside Twilio's API, must
 * not see them.
 */
public final class MediaDownloader {

    /** Twilio answers with one redirect; a few more are tolerated, a loop is not. */
    public static final int MAX_REDIRECTS = 5;

    private final TwilioTransport transport;
    private final TwilioAccount account;
    private final long maxBytes;
    private final String what;

    /**
     * @param maxBytes the most bytes kept of one file
     * @param what what the files are to whoever reads the results, e.g. {@code "media"} or {@code
     *     "recording"}: "the recording no longer exists"
     */
    public MediaDownloader(TwilioTransport transport, TwilioAccount account, long maxBytes, String what) {
        this.transport = transport;
        this.account = account;
        this.maxBytes = maxBytes;
        this.what = what;
    }

    public MediaResult fetch(Attachment attachment) {
        URI uri;
        try {
            uri = new URI(attachment.url());
        } catch (URISyntaxException e) {
            return MediaResult.failed("the " + what + " URL is not a URL: " + e.getMessage());
        }
        if (!isTwilioApi(uri)) {
            // The account's credentials go to Twilio's API only; anything else stays a link.
            return MediaResult.keepReference();
        }
        TwilioExchange exchange = new TwilioExchange(transport, account);
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
            String location = TwilioExchange.header(response, "Location");
            if (location == null) {
                return MediaResult.failed("Twilio answered " + status + " without saying where the " + what + " is");
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
                return MediaResult.failed("Twilio redirected the " + what + " to an unusable location");
            }
            TwilioTransport.Download download;
            try {
                download = transport.download(next, maxBytes);
            } catch (IOException e) {
                return MediaResult.retry("could not download the " + what + " from " + next.getHost() + ": " + e);
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
        return MediaResult.failed("more than " + MAX_REDIRECTS + " redirects on the way to the " + what);
    }

    /** A file Twilio served itself, already read whole by the SDK. */
    private MediaResult fetched(Response response) {
        try (InputStream in = response.getStream()) {
            byte[] content = in == null ? new byte[0] : in.readAllBytes();
            if (content.length > maxBytes) {
                return tooLarge();
            }
            return MediaResult.fetched(content, TwilioExchange.header(response, "Content-Type"));
        } catch (IOException e) {
            return MediaResult.retry("the " + what + " could not be read: " + e);
        }
    }

    private MediaResult tooLarge() {
        return MediaResult.failed("too large: more than the " + maxBytes + " bytes kept per attachment");
    }

    /**
     * 429 and 5xx pass; a 403 from the file host is an expired link, which a new request to Twilio
     * renews; 401 is credentials an admin fixes meanwhile; 404 and the rest stay as they are.
     */
    private MediaResult failure(String who, int status) {
        String answered = who + " answered " + status;
        if (status == 429 || status >= 500) {
            return MediaResult.retry(answered);
        }
        if (status == 401) {
            return MediaResult.retry(answered + ": check the " + ConfigurationFields.ACCOUNT_SID + " and "
                    + ConfigurationFields.AUTH_TOKEN + " in the channel settings");
        }
        if (status == 403 && !who.equals("Twilio")) {
            return MediaResult.retry(answered + " (the download link may have expired)");
        }
        if (status == 404) {
            return MediaResult.failed(answered + ": the " + what + " no longer exists (deleted at Twilio?)");
        }
        return MediaResult.failed(answered);
    }

    /** Twilio's REST API over HTTPS, where media URLs live; the SDK would send the credentials there anyway. */
    public static boolean isTwilioApi(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(uri.getScheme()) && (host.equals("api.twilio.com")
                || host.endsWith(".twilio.com") && host.startsWith("api."));
    }
}
