package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The assembled runtime on PostgreSQL, chosen by its one setting, across a restart. */
class PostgresIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String SECRET = "a-long-shared-secret-0123456789";

    private final String database = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private WireMockServer receiver;

    @BeforeEach
    void createDatabase() {
        execute("create database " + database);
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post("/replies").willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void dropDatabase() {
        receiver.stop();
        execute("drop database if exists " + database + " with (force)");
    }

    @Test
    void messagesAndRepliesAreKeptInPostgresql() {
        try (SwitchboardProcess switchboard = SwitchboardProcess.builder()
                .systemProperty("switchboard.db.url", SERVER + database)
                .systemProperty("switchboard.db.user", "postgres")
                .start()) {
            Api api = new Api(switchboard);
            JsonNode health = api.await("/health", h -> "UP".equals(h.path("status").asText()), SOON);
            assertTrue(health.get("store").asText().startsWith("PostgreSQL"), health.toString());
            api.await("/api/v1/channel-types", types -> types.toString().contains("\"webhook-generic\""), SOON);
            assertEquals(201, api.post("/api/v1/channel-instances", Map.of("id", "pg", "type", "webhook-generic",
                    "configuration", Map.of("callbackUrl", receiver.baseUrl() + "/replies", "secret", SECRET))).statusCode());

            api.hook("/hooks/pg/messages", ChannelFlowIT.message("p-1", "pg-customer", "Stored in PostgreSQL?"), SECRET);
            api.hook("/hooks/pg/messages", ChannelFlowIT.message("p-1", "pg-customer", "Stored in PostgreSQL?"), SECRET);
            long ticket = api.json("/api/v1/tickets?channel=pg").get("items").get(0).get("id").asLong();
            api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", "Yes."));
            api.await("/api/v1/tickets/" + ticket, t -> "SENT".equals(ChannelFlowIT.outbound(t).get("deliveryStatus").asText()), SOON);

            assertEquals(0, switchboard.stop());
            switchboard.restart();
            api.await("/health", h -> "UP".equals(h.path("status").asText()), SOON);
            JsonNode detail = api.json("/api/v1/tickets/" + ticket);
            assertEquals(1, ChannelFlowIT.texts(detail).size());
            assertEquals("SENT", ChannelFlowIT.outbound(detail).get("deliveryStatus").asText());
            assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/replies"))).size());
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed by this test: " + e.getMessage(), e);
        }
    }
}
