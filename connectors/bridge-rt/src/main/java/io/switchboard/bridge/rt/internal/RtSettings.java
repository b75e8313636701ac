package io.switchboard.bridge.rt.internal;

import io.switchboard.api.model.TicketStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instance's configuration, read from the keys {@link RtConfiguration} describes and checked beyond
 * what Metatype can express. Every problem is an {@link IllegalArgumentException} that names its field.
 */
record RtSettings(URI url, String username, String password, String queue, Map<String, String> queueMapping,
        Map<TicketStatus, String> statusToRt, Map<String, TicketStatus> statusFromRt, String requestorAddress,
        int pollSeconds, String markerField) {

    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String QUEUE = "queue";
    static final String QUEUE_MAPPING = "queueMapping";
    static final String STATUS_MAPPING = "statusMapping";
    static final String REQUESTOR_ADDRESS = "requestorAddress";
    static final String POLL_SECONDS = "pollSeconds";
    static final String MARKER_FIELD = "markerField";

    static final String DEFAULT_REQUESTOR_ADDRESS = "{address}@customers.switchboard.invalid";

    static RtSettings from(Map<String, Object> configuration) {
        URI url = url(required(configuration, URL));
        String username = required(configuration, USERNAME);
        String password = required(configuration, PASSWORD);
        String queue = optional(configuration, QUEUE, "General");
        Map<String, String> queues = new LinkedHashMap<>();
        for (String entry : list(configuration.get(QUEUE_MAPPING))) {
            String[] pair = pair(entry, QUEUE_MAPPING);
            queues.put(pair[0], pair[1]);
        }
        Map<TicketStatus, String> toRt = defaultStatusToRt();
        Map<String, TicketStatus> fromRt = defaultStatusFromRt();
        for (String entry : list(configuration.get(STATUS_MAPPING))) {
            String[] pair = pair(entry, STATUS_MAPPING);
            TicketStatus status;
            try {
                status = TicketStatus.valueOf(pair[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(STATUS_MAPPING + ": '" + pair[0] + "' is not a Switchboard status; use one of "
                        + Arrays.toString(TicketStatus.values()));
            }
            String rtStatus = pair[1].toLowerCase(Locale.ROOT);
            toRt.put(status, rtStatus);
            // A status only the admin's lifecycle knows comes back as the Switchboard status mapped to it.
            fromRt.putIfAbsent(rtStatus, status);
        }
        String requestorAddress = optional(configuration, REQUESTOR_ADDRESS, DEFAULT_REQUESTOR_ADDRESS);
        if (!requestorAddress.contains("{address}") || requestorAddress.indexOf('@') < 0) {
            throw new IllegalArgumentException(REQUESTOR_ADDRESS + " must contain {address} and an @domain, e.g. "
                    + DEFAULT_REQUESTOR_ADDRESS);
        }
        int pollSeconds = integer(configuration.get(POLL_SECONDS), 5);
        if (pollSeconds < 1 || pollSeconds > 3600) {
            throw new IllegalArgumentException(POLL_SECONDS + " must be between 1 and 3600");
        }
        String markerField = optional(configuration, MARKER_FIELD, "Switchboard Ticket");
        if (markerField.contains("}") || markerField.contains("'")) {
            throw new IllegalArgumentException(MARKER_FIELD + " must not contain } or '");
        }
        return new RtSettings(url, username, password, queue, Collections.unmodifiableMap(queues),
                Collections.unmodifiableMap(toRt), Collections.unmodifiableMap(fromRt), requestorAddress, pollSeconds,
                markerField);
    }

    /** The RT queue for a Switchboard queue. */
    String rtQueue(String switchboardQueue) {
        return switchboardQueue == null ? queue : queueMapping.getOrDefault(switchboardQueue, queue);
    }

    private static Map<TicketStatus, String> defaultStatusToRt() {
        Map<TicketStatus, String> map = new EnumMap<>(TicketStatus.class);
        map.put(TicketStatus.NEW, "new");
        map.put(TicketStatus.OPEN, "open");
        map.put(TicketStatus.PENDING, "stalled");
        map.put(TicketStatus.ON_HOLD, "stalled");
        map.put(TicketStatus.SOLVED, "resolved");
        map.put(TicketStatus.CLOSED, "resolved");
        return map;
    }

    private static Map<String, TicketStatus> defaultStatusFromRt() {
        Map<String, TicketStatus> map = new LinkedHashMap<>();
        map.put("new", TicketStatus.NEW);
        map.put("open", TicketStatus.OPEN);
        map.put("stalled", TicketStatus.PENDING);
        map.put("resolved", TicketStatus.SOLVED);
        map.put("rejected", TicketStatus.CLOSED);
        map.put("deleted", TicketStatus.CLOSED);
        return map;
    }

    private static URI url(String text) {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(URL + " must be an http(s) URL such as https://rt.example.com");
            }
            if (uri.getPath() != null && uri.getPath().endsWith("/REST/2.0")) {
                throw new IllegalArgumentException(URL + " is RT's base URL, without /REST/2.0");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL + " must be an http(s) URL such as https://rt.example.com");
        }
    }

    private static String required(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return String.valueOf(value);
    }

    private static String optional(Map<String, Object> configuration, String key, String fallback) {
        Object value = configuration.get(key);
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value).strip();
    }

    private static int integer(Object value, int fallback) {
        if (value == null || String.valueOf(value).isBlank()) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(POLL_SECONDS + " must be a whole number");
        }
    }

    /** A list attribute as the core passes it (an array), or as a comma-separated text or a collection. */
    private static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        Collection<?> raw;
        if (value instanceof Collection<?> collection) {
            raw = collection;
        } else if (value instanceof Object[] array) {
            raw = Arrays.asList(array);
        } else {
            raw = Arrays.asList(String.valueOf(value).split(","));
        }
        for (Object item : raw) {
            if (item != null && !String.valueOf(item).isBlank()) {
                items.add(String.valueOf(item).strip());
            }
        }
        return items;
    }

    private static String[] pair(String entry, String field) {
        int equals = entry.indexOf('=');
        if (equals <= 0 || equals == entry.length() - 1) {
            throw new IllegalArgumentException(field + ": '" + entry + "' is not of the form key=value");
        }
        return new String[] {entry.substring(0, equals).strip(), entry.substring(equals + 1).strip()};
    }

    @Override
    public String toString() {
        return "RtSettings[url=" + url + ", username=" + username + ", queue=" + queue + "]";
    }
}
