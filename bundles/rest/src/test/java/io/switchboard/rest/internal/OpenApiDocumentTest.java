package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.rest.internal.auth.ApiTokens;
import io.switchboard.rest.internal.auth.PublicEndpoint;
import io.switchboard.rest.internal.auth.StoreTokenRepository;
import io.switchboard.rest.internal.resource.OpenApiResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the operations the resources implement. */
class OpenApiDocumentTest {
    private static JsonNode document;
    private static Map<String, Boolean> implemented;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            document = new ObjectMapper().readTree(in);
        }
        CoreServices services = new CoreServices();
        implemented = operations(RestApplication.resources(services, new ApiTokens(new StoreTokenRepository(services))));
    }

    @Test
    void everyResourceMethodIsDescribed() {
        Set<String> missing = new TreeSet<>(implemented.keySet());
        missing.removeAll(described());
        assertTrue(missing.isEmpty(), "resource methods missing from openapi.json: " + missing);
    }

    @Test
    void everyDescribedOperationExists() {
        Set<String> extra = new TreeSet<>(described());
        extra.removeAll(implemented.keySet());
        assertTrue(extra.isEmpty(), "openapi.json describes operations no resource implements: " + extra);
    }

    @Test
    void exactlyThePublicOperationsNeedNoToken() {
        implemented.forEach((operation, isPublic) -> {
            String[] methodAndPath = operation.split(" ", 2);
            JsonNode described = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
            boolean describedPublic = described.has("security") && described.path("security").isEmpty();
            assertEquals(isPublic, describedPublic, operation + " security");
        });
    }

    @Test
    void itIsOpenApi31AndEveryReferenceResolves() {
        assertEquals("3.1.0", document.path("openapi").asText());
        List<String> unresolved = new ArrayList<>();
        collectRefs(document, unresolved);
        assertTrue(unresolved.isEmpty(), "unresolved references: " + unresolved);
    }

    private static Set<String> described() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(key -> {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key)) {
                    operations.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    /** "METHOD /path" of every resource method, and whether it is public. */
    private static Map<String, Boolean> operations(List<Object> resources) {
        Map<String, Boolean> operations = new TreeMap<>();
        for (Object resource : resources) {
            Class<?> type = resource.getClass();
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = normalize(base + (sub == null ? "" : "/" + sub.value()));
                boolean isPublic = type.isAnnotationPresent(PublicEndpoint.class)
                        || method.isAnnotationPresent(PublicEndpoint.class);
                operations.put(httpMethod + " " + path, isPublic);
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    /** Leading slash, no doubled or trailing slashes, and template regexes dropped: {id: \d+} is {id}. */
    private static String normalize(String path) {
        String withoutRegex = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        String collapsed = ("/" + withoutRegex).replaceAll("/+", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }

    private static void collectRefs(JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
                unresolved.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, unresolved));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, unresolved));
        }
    }
}
