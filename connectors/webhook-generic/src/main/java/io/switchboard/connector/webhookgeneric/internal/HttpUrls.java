package io.switchboard.connector.webhookgeneric.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one rule for URLs this connector accepts: absolute, http or https, with a host. */
final class HttpUrls {

    private HttpUrls() {
    }

    static boolean isAbsoluteHttp(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
