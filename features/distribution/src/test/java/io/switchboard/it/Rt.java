package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Request Tracker 5 as its REST 2 API shows it to one user: what the tests check in RT and what they
 * do there as staff. Every call expects success; an unexpected status fails the test with RT's answer.
 */
final class Rt {
    /** One RT transaction as the collection lists it: all values are strings; creator is a user name. */
    record Transaction(long id, String type, String creator, String field, String oldValue, String newValue) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String user;
    private final String authorization;

    Rt(URI base, String user, String password) {
        this.base = URI.create(base.toString().replaceFirst("/*$", "") + "/REST/2.0/");
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String user() {
        return user;
    }

    /**
     * A privileged user in the group "Switchboard Staff", which the test RT grants everything an agent
     * needs (REST 2 cannot grant rights); returns a client acting as that user.
     */
    Rt createAgent(String name, String password, String realName) {
        expect(201, send("POST", "user", Map.of("Name", name, "EmailAddress", name + "@switchboard.test",
                "RealName", realName, "Password", password, "Privileged", 1)));
        JsonNode groups = json(expect(200, send("POST", "groups", List.of(Map.of("field", "Name", "value", "Switchboard Staff")))));
        if (groups.path("items").isEmpty()) {
            throw new AssertionError("RT has no group 'Switchboard Staff': was it set up by rt5.sh?");
        }
        String group = groups.get("items").get(0).get("id").asText();
        expect(200, send("PUT", "user/" + encode(name) + "/groups", List.of(Long.parseLong(group))));
        return new Rt(URI.create(base.toString().replaceFirst("/REST/2\\.0/$", "")), name, password);
    }

    /** The ids of the tickets matching a TicketSQL query, ascending. */
    List<Long> ticketIds(String ticketSql) {
        List<Long> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode result = json(expect(200, send("GET", "tickets?query=" + encode(ticketSql)
                    + "&orderby=id&order=ASC&per_page=100&page=" + page, null)));
            result.path("items").forEach(item -> ids.add(item.get("id").asLong()));
            if (result.path("items").size() < 100) {
                return ids;
            }
        }
    }

    /** The tickets carrying the bridge's marker for one Switchboard ticket. */
    List<Long> ticketsMarked(String markerField, long switchboardTicket) {
        return ticketIds("'CF.{" + markerField + "}' = '" + switchboardTicket + "'");
    }

    JsonNode ticket(long id) {
        return json(expect(200, send("GET", "ticket/" + id, null)));
    }

    /** The names of the ticket's requestors (for users created from an address, the address). */
    List<String> requestors(long ticket) {
        List<String> names = new ArrayList<>();
        ticket(ticket).path("Requestor").forEach(requestor -> names.add(requestor.get("id").asText()));
        return names;
    }

    String status(long ticket) {
        return ticket(ticket).get("Status").asText();
    }

    Optional<JsonNode> userNamed(String name) {
        HttpResponse<String> response = send("GET", "user/" + encode(name), null);
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(json(expect(200, response)));
    }

    /** All transactions on one ticket, oldest first. */
    List<Transaction> transactions(long ticket) {
        List<Transaction> all = new ArrayList<>();
        long after = 0;
        while (true) {
            String query = "ObjectType = 'RT::Ticket' AND ObjectId = " + ticket + " AND id > " + after;
            JsonNode items = json(expect(200, send("GET", "transactions?query=" + encode(query)
                    + "&orderby=id&order=ASC&per_page=100&fields=Type,Creator,Field,OldValue,NewValue", null))).path("items");
            for (JsonNode item : items) {
                Transaction transaction = new Transaction(item.get("id").asLong(), item.path("Type").asText(),
                        item.path("Creator").path("id").asText(), item.path("Field").asText(),
                        item.path("OldValue").asText(), item.path("NewValue").asText());
                all.add(transaction);
                after = transaction.id();
            }
            if (items.size() < 100) {
                return all;
            }
        }
    }

    /** The text of a transaction: its text/plain parts, joined, without surrounding white space. */
    String text(long transaction) {
        JsonNode items = json(expect(200, send("GET", "transaction/" + transaction
                + "/attachments?per_page=100&fields=ContentType,Content", null))).path("items");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : items) {
            if ("text/plain".equals(part.path("ContentType").asText()) && part.hasNonNull("Content")) {
                text.append(part.get("Content").asText());
            }
        }
        return text.toString().strip();
    }

    /** Correspondence on a ticket, written by this client's user; returns the new transaction's id. */
    long correspond(long ticket, String text) {
        HttpResponse<String> response = expect(201, send("POST", "ticket/" + ticket + "/correspond",
                Map.of("Content", text, "ContentType", "text/plain")));
        String location = response.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Sets a ticket's status; RT answers 200 with messages even on failure, so read it back. */
    void setStatus(long ticket, String status) {
        HttpResponse<String> response = expect(200, send("PUT", "ticket/" + ticket, Map.of("Status", status)));
        String now = status(ticket);
        if (!status.equals(now)) {
            throw new AssertionError("RT ticket " + ticket + " is still " + now + " after setting " + status + ": "
                    + response.body());
        }
    }

    private HttpResponse<String> send(String method, String path, Object json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Api.write(json), StandardCharsets.UTF_8));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + " as " + user, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " as " + user
                    + " answered " + response.statusCode() + " (expected " + status + "): " + response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Api.read(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
