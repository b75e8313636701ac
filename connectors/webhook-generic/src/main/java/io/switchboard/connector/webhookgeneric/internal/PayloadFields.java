package io.switchboard.connector.webhookgeneric.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one JSON object of a webhook body, naming each field by its full path
 * ({@code sender.id}, {@code attachments[1].url}) when it is missing or of the wrong kind.
 */
final class PayloadFields {

    private final JsonNode object;
    private final String path;

    private PayloadFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The body's top-level object. */
    static PayloadFields parse(byte[] body) throws MalformedPayloadException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the body; the location is enough to find the mistake.
            JsonLocation at = e.getLocation();
            throw new MalformedPayloadException(at == null
                    ? "body is not valid JSON"
                    : "body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException e) {
            throw new MalformedPayloadException("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("body must be a JSON object");
        }
        return new PayloadFields(root, "");
    }

    String requiredText(String name) throws MalformedPayloadException {
        String value = optionalText(name);
        if (value == null) {
            throw malformed(name, "is required");
        }
        return value;
    }

    /** The field's text, or null when it is absent, null or blank. */
    String optionalText(String name) throws MalformedPayloadException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(name, "must be a string");
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    PayloadFields requiredObject(String name) throws MalformedPayloadException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw malformed(name, "is required");
        }
        if (!value.isObject()) {
            throw malformed(name, "must be an object");
        }
        return new PayloadFields(value, path + name + ".");
    }

    /** The objects of an array field; empty when the field is absent or null. */
    List<PayloadFields> optionalObjects(String name) throws MalformedPayloadException {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw malformed(name, "must be an array");
        }
        List<PayloadFields> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String elementName = name + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw malformed(elementName, "must be an object");
            }
            elements.add(new PayloadFields(value.get(i), path + elementName + "."));
        }
        return elements;
    }

    /** An ISO-8601 date-time with an offset, or null when absent. */
    Instant optionalInstant(String name) throws MalformedPayloadException {
        String text = optionalText(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-01-01T10:00:00Z");
        }
    }

    MalformedPayloadException malformed(String name, String problem) {
        return new MalformedPayloadException(path + name + " " + problem);
    }
}
