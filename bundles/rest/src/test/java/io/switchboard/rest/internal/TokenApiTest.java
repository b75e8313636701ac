package io.switchboard.rest.internal;

import static io.switchboard.rest.internal.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.store.entity.ApiTokenRow;
import io.switchboard.store.internal.HibernateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token administration against a store of its own, so that it knows every token in it. */
class TokenApiTest {
    private static HibernateStore store;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        store = SharedStore.open();
        api = ApiFixture.start(store);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        store.close();
    }

    @Test
    void aNewTokenIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        ApiFixture.ApiResponse created = api.send("POST", "/api/v1/tokens", api.adminToken,
                "{\"name\": \"Dana\", \"role\": \"agent\"}");
        assertEquals(201, created.status(), created::toString);
        JsonNode body = created.json();
        String token = body.path("token").asText();
        assertTrue(Base64.getUrlDecoder().decode(token).length >= 32, token);
        assertEquals("Dana", body.path("name").asText());
        assertEquals("agent", body.path("role").asText());
        long id = body.path("id").asLong();
        assertTrue(created.header("Location").orElse("").endsWith("/api/v1/tokens/" + id), created::toString);

        JsonNode me = api.get("/api/v1/me", token).json();
        assertEquals("Dana", me.path("name").asText());

        ApiFixture.ApiResponse list = api.get("/api/v1/tokens", api.adminToken);
        assertFalse(list.body().contains(token), list::toString);
        assertFalse(list.json().get(0).has("token"), list::toString);

        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        List<ApiTokenRow> rows = store.transaction(em -> em
                .createQuery("select t from ApiToken t where t.id = :id", ApiTokenRow.class)
                .setParameter("id", id).getResultList());
        assertEquals(expectedHash, rows.get(0).tokenSha256);
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        JsonNode eve = api.send("POST", "/api/v1/tokens", api.adminToken, "{\"name\": \"Eve\", \"role\": \"admin\"}")
                .json();
        String token = eve.path("token").asText();
        String path = "/api/v1/tokens/" + eve.path("id").asLong();
        assertEquals(200, api.get("/api/v1/tokens", token).status());
        assertEquals(204, api.call("DELETE", path).token(api.adminToken).send().status());
        assertProblem(api.get("/api/v1/me", token), 401, "/problems/unauthorized");
        assertProblem(api.call("DELETE", path).token(api.adminToken).send(), 404, "/problems/not-found");
    }

    @Test
    void invalidRequestsNameTheirFields() {
        JsonNode problem = assertProblem(api.send("POST", "/api/v1/tokens", api.adminToken,
                "{\"name\": \" \", \"role\": \"owner\"}"), 422, "/problems/validation");
        assertEquals("is required", problem.path("errors").path("name").asText());
        assertEquals("must be agent or admin", problem.path("errors").path("role").asText());
    }

    @Test
    void theLastAdminTokenCannotBeDeleted() {
        JsonNode tokens = api.get("/api/v1/tokens", api.adminToken).json();
        for (JsonNode token : tokens) {
            boolean isFixtureAdmin = token.path("name").asText().equals(api.adminName);
            if (token.path("role").asText().equals("admin") && !isFixtureAdmin) {
                api.call("DELETE", "/api/v1/tokens/" + token.path("id").asLong()).token(api.adminToken).send();
            }
        }
        long adminId = 0;
        for (JsonNode token : api.get("/api/v1/tokens", api.adminToken).json()) {
            if (token.path("name").asText().equals(api.adminName)) {
                adminId = token.path("id").asLong();
            }
        }
        assertProblem(api.call("DELETE", "/api/v1/tokens/" + adminId).token(api.adminToken).send(), 409,
                "/problems/conflict");
        assertEquals(200, api.get("/api/v1/me", api.adminToken).status());
    }
}
