package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelApiTest {
    private static final String SECRET = "very-secret-auth-token-123";
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @AfterEach
    void reset() {
        api.channels.clear();
        api.channels.leakSecrets = false;
    }

    private static ApiFixture.ApiResponse create(String id, String secret) {
        return api.send("POST", "/api/v1/channel-instances", api.adminToken,
                "{\"id\": \"" + id + "\", \"type\": \"sms-fake\", \"configuration\": "
                        + "{\"accountSid\": \"AC42\", \"authToken\": \"" + secret + "\", \"retries\": 5}}");
    }

    @Test
    void typesShowCapabilitiesAndSchemaToAnyAgent() {
        JsonNode types = api.get("/api/v1/channel-types", api.agentToken).json();
        assertEquals("sms-fake", types.get(0).path("id").asText());
        JsonNode type = api.get("/api/v1/channel-types/sms-fake", api.agentToken).json();
        assertEquals("SMS", type.path("kind").asText());
        assertEquals("TEXT", type.path("capabilities").get(0).asText());
        JsonNode fields = type.path("schema").path("fields");
        assertEquals("authToken", fields.get(1).path("id").asText());
        assertEquals("PASSWORD", fields.get(1).path("type").asText());
        assertEquals(List.of("3"), List.of(fields.get(2).path("defaultValue").get(0).asText()));
        assertFalse(api.get("/api/v1/channel-types", api.agentToken).body().contains(FakeChannelRuntime.DEFAULT_SECRET));
        assertFalse(api.get("/api/v1/channel-types/sms-fake", api.agentToken).body()
                .contains(FakeChannelRuntime.DEFAULT_SECRET));
        assertProblem(api.get("/api/v1/channel-types/fax", api.agentToken), 404, "/problems/not-found");
    }

    @Test
    void anInstanceIsCreatedWithItsLocationAndWithoutItsSecret() {
        ApiFixture.ApiResponse response = create("sms-main", SECRET);
        assertEquals(201, response.status(), response::toString);
        assertTrue(response.header("Location").orElse("").endsWith("/api/v1/channel-instances/sms-main"),
                response::toString);
        assertFalse(response.body().contains(SECRET), response::toString);
        JsonNode created = response.json();
        assertEquals("AC42", created.path("configuration").path("accountSid").asText());
        assertEquals(5, created.path("configuration").path("retries").asInt());
        assertEquals("authToken", created.path("secretsSet").get(0).asText());
        assertEquals("UNKNOWN", created.path("health").path("status").asText());

        ApiFixture.ApiResponse one = api.get(response.header("Location").orElseThrow(), api.adminToken);
        assertEquals(200, one.status(), one::toString);
        assertFalse(one.body().contains(SECRET));
        ApiFixture.ApiResponse list = api.get("/api/v1/channel-instances", api.adminToken);
        assertEquals("sms-main", list.json().get(0).path("id").asText());
        assertFalse(list.body().contains(SECRET));
    }

    @Test
    void secretsStayHiddenEvenIfTheRuntimeReturnsThem() {
        create("sms-leaky", SECRET);
        api.channels.leakSecrets = true;
        ApiFixture.ApiResponse one = api.get("/api/v1/channel-instances/sms-leaky", api.adminToken);
        assertEquals(200, one.status());
        assertFalse(one.body().contains(SECRET), one::toString);
        assertFalse(api.get("/api/v1/channel-instances", api.adminToken).body().contains(SECRET));
    }

    @Test
    void anInvalidConfigurationNamesEachFieldWithoutQuotingTheSecret() {
        String shortSecret = "tiny-pw";
        ApiFixture.ApiResponse response = api.send("POST", "/api/v1/channel-instances", api.adminToken,
                "{\"id\": \"sms-bad\", \"type\": \"sms-fake\", \"configuration\": "
                        + "{\"authToken\": \"" + shortSecret + "\", \"retries\": \"many\", \"colour\": \"red\"}}");
        JsonNode problem = assertProblem(response, 422, "/problems/validation");
        JsonNode errors = problem.path("errors");
        assertEquals("is required", errors.path("accountSid").asText());
        assertTrue(errors.path("authToken").asText().contains("shorter than 12"), errors::toString);
        assertTrue(errors.has("retries") && errors.has("colour"), errors::toString);
        assertFalse(response.body().contains(shortSecret), response::toString);
    }

    @Test
    void malformedJsonAroundASecretDoesNotQuoteIt() {
        ApiFixture.ApiResponse response = api.send("POST", "/api/v1/channel-instances", api.adminToken,
                "{\"id\": \"sms-x\", \"type\": \"sms-fake\", \"configuration\": {\"authToken\": " + SECRET + "}}");
        assertProblem(response, 400, "/problems/malformed-body");
        assertFalse(response.body().contains(SECRET), response::toString);
        assertFalse(response.body().contains("very"), response::toString);
    }

    @Test
    void creatingNeedsAnIdAndAnInstalledType() {
        JsonNode problem = assertProblem(api.send("POST", "/api/v1/channel-instances", api.adminToken,
                "{\"type\": \"fax\"}"), 422, "/problems/validation");
        assertEquals("is required", problem.path("errors").path("id").asText());
        assertEquals("is not an installed channel type", problem.path("errors").path("type").asText());
    }

    @Test
    void aTakenIdIsAConflict() {
        assertEquals(201, create("sms-twice", SECRET).status());
        assertProblem(create("sms-twice", SECRET), 409, "/problems/conflict");
    }

    @Test
    void anInstanceIsUpdatedKeepingItsSecretAndDeleted() {
        create("sms-upd", SECRET);
        ApiFixture.ApiResponse updated = api.send("PUT", "/api/v1/channel-instances/sms-upd", api.adminToken,
                "{\"configuration\": {\"accountSid\": \"AC99\"}}");
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("AC99", updated.json().path("configuration").path("accountSid").asText());
        assertEquals("authToken", updated.json().path("secretsSet").get(0).asText());

        ApiFixture.ApiResponse invalid = api.send("PUT", "/api/v1/channel-instances/sms-upd", api.adminToken,
                "{\"configuration\": {\"accountSid\": \"AC99\", \"authToken\": \"short-pw\"}}");
        assertProblem(invalid, 422, "/problems/validation");
        assertFalse(invalid.body().contains("short-pw"), invalid::toString);

        assertProblem(api.send("PUT", "/api/v1/channel-instances/sms-upd", api.adminToken, "{}"), 422,
                "/problems/validation");
        assertProblem(api.send("PUT", "/api/v1/channel-instances/nope", api.adminToken,
                "{\"configuration\": {}}"), 404, "/problems/not-found");

        assertEquals(204, api.call("DELETE", "/api/v1/channel-instances/sms-upd").token(api.adminToken).send().status());
        assertProblem(api.get("/api/v1/channel-instances/sms-upd", api.adminToken), 404, "/problems/not-found");
        assertProblem(api.call("DELETE", "/api/v1/channel-instances/sms-upd").token(api.adminToken).send(), 404,
                "/problems/not-found");
    }
}
