package io.switchboard.api.channel;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's HTTP request to {@code /hooks/{instanceId}/...}, read whole.
 *
 * @param method the HTTP method, upper case
 * @param path what follows {@code /hooks/{instanceId}}, starting with {@code /} (just {@code /} when
 *     nothing follows)
 * @param requestUri the full URI as this server received it; behind a reverse proxy the provider
 *     signed another one, so connectors that check URL-based signatures rebuild it from their
 *     configured public base URL and {@link #pathAndQuery()}
 * @param headers the request headers; names are case-insensitive
 * @param body the raw body, exactly as received (signatures are computed over it)
 */
public record WebhookRequest(String method, String path, URI requestUri,
        Map<String, List<String>> headers, byte[] body) {

    public WebhookRequest {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(caseInsensitive);
        body = body == null ? new byte[0] : body;
        method = method.toUpperCase(Locale.ROOT);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The path after the instance id and the query string, as the provider sent them. */
    public String pathAndQuery() {
        String query = requestUri.getRawQuery();
        return query == null ? path : path + "?" + query;
    }

    /** The query parameters, decoded; the first value of each name. */
    public Map<String, String> queryParameters() {
        return decodeForm(requestUri.getRawQuery());
    }

    /** An {@code application/x-www-form-urlencoded} body, decoded; the first value of each name. */
    public Map<String, String> formParameters() {
        return decodeForm(bodyText());
    }

    private static Map<String, String> decodeForm(String encoded) {
        Map<String, String> result = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return result;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(name, value);
        }
        return result;
    }
}
