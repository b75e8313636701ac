package io.switchboard.connector.webhookgeneric.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The connector's one JSON mapper; thread-safe once built. */
final class Json {

    /**
     * Strict on purpose: a signed body with a duplicated field or trailing garbage is ambiguous, and
     * rejecting it tells the integrator at once instead of storing a guess.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }
}
