package io.switchboard.connector.webhookgeneric.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureTest {

    private static final String SECRET = "a-secret-of-24-characters";
    private static final byte[] BODY = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);

    private final Signature signature = new Signature(SECRET);

    @Test
    void signsLikeAnIntegratorWould() {
        assertEquals(Hmac.header(SECRET, BODY), signature.sign(BODY));
    }

    @Test
    void theWorkedExampleOfTheDocumentationIsRight() {
        String body = "{\"eventId\":\"evt-1001\",\"sender\":{\"id\":\"user-42\",\"name\":\"Ada Lovelace\"},"
                + "\"text\":\"Hello, I need help with my order.\"}";
        assertEquals("sha256=4079260dfa0fb5e4e5970726cd394f54f78f106cb5dcfa266a5354601c33da81",
                new Signature("example-secret-0123456789").sign(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsTheRightSignature() {
        assertTrue(signature.problemWith(BODY, Hmac.header(SECRET, BODY)).isEmpty());
    }

    @Test
    void acceptsUpperCaseHexAndSurroundingSpace() {
        String header = Hmac.header(SECRET, BODY);
        String upper = "sha256=" + header.substring("sha256=".length()).toUpperCase(Locale.ROOT);
        assertTrue(signature.problemWith(BODY, " " + upper + " ").isEmpty());
    }

    @Test
    void rejectsAForgedBody() {
        byte[] forged = "{\"eventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("X-Switchboard-Signature does not match the body",
                signature.problemWith(forged, Hmac.header(SECRET, BODY)).orElseThrow());
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        assertEquals("X-Switchboard-Signature does not match the body",
                signature.problemWith(BODY, Hmac.header("another-secret-of-24-chars", BODY)).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsAMissingSignature(String header) {
        assertEquals("X-Switchboard-Signature header is missing", signature.problemWith(BODY, header).orElseThrow());
        assertEquals("X-Switchboard-Signature header is missing", signature.problemWith(BODY, null).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4079260dfa0fb5e4e5970726cd394f54f78f106cb5dcfa266a5354601c33da81",
        "sha1=4079260dfa0fb5e4e5970726cd394f54f78f106c",
        "sha256=4079260dfa0fb5e4e5970726cd394f54",
        "sha256=zz79260dfa0fb5e4e5970726cd394f54f78f106cb5dcfa266a5354601c33da81",
        "sha256=4079260dfa0fb5e4e5970726cd394f54f78f106cb5dcfa266a5354601c33da8100"})
    void rejectsAMisshapenSignature(String header) {
        assertEquals("X-Switchboard-Signature is not sha256= followed by 64 hex digits",
                signature.problemWith(BODY, header).orElseThrow());
    }
}
