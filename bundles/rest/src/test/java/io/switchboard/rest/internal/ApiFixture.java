package io.switchboard.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.rest.internal.auth.ApiTokens;
import io.switchboard.rest.internal.auth.Role;
import io.switchboard.rest.internal.auth.StoreTokenRepository;
import io.switchboard.store.Store;
import io.switchboard.tickets.TicketService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real Jersey application in its servlet on a real Jetty, mapped at {@code /*} as on the HTTP
 * whiteboard, with a real store for tokens and in-memory ticket and channel services.
 */
final class ApiFixture implements AutoCloseable {
    final CoreServices services = new CoreServices();
    final FakeTicketService tickets = new FakeTicketService();
    final FakeChannelRuntime channels = new FakeChannelRuntime();
    final ApiTokens tokens = new ApiTokens(new StoreTokenRepository(services));
    final ObjectMapper json = new ObjectMapper();
    final String adminName = "admin-" + shortId();
    final String agentName = "agent-" + shortId();
    final String adminToken;
    final String agentToken;
    private final Server server;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private ApiFixture(Store store, TicketService ticketService) throws Exception {
        services.setStore(store);
        services.setTickets(ticketService != null ? ticketService : tickets);
        services.setChannels(channels);
        adminToken = tokens.issue(adminName, Role.ADMIN).token();
        agentToken = tokens.issue(agentName, Role.AGENT).token();
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(RestApplication.servlet(RestApplication.resourceConfig(services, tokens))),
                "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    URI base() {
        return base;
    }

    static ApiFixture start(Store store) {
        return start(store, null);
    }

    /** The API over {@code ticketService} (the real one, say) in place of the in-memory fake. */
    static ApiFixture start(Store store, TicketService ticketService) {
        try {
            return new ApiFixture(store, ticketService);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the API", e);
        }
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    ApiResponse get(String path, String token) {
        return call("GET", path).token(token).send();
    }

    ApiResponse send(String method, String path, String token, String jsonBody) {
        return call(method, path).token(token).body("application/json", jsonBody).send();
    }

    JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** One request, built up step by step. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call token(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call body(String contentType, String content) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(content);
            return this;
        }

        /** Sends the request and keeps the body as the bytes that came. */
        HttpResponse<byte[]> sendForBytes() {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body);
            headers.forEach(request::header);
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        ApiResponse send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body);
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new ApiResponse(response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response with its body as text and, on demand, as JSON. */
    final class ApiResponse {
        private final HttpResponse<String> response;

        private ApiResponse(HttpResponse<String> response) {
            this.response = response;
        }

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return parse(response.body());
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + contentType() + " " + response.body();
        }
    }
}
