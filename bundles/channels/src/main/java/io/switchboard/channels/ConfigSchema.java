package io.switchboard.channels;

import java.util.List;

/** A channel type's configuration fields, read from its Metatype object class definition. */
public record ConfigSchema(String pid, String name, String description, List<Field> fields) {

    public enum Type { STRING, PASSWORD, INTEGER, LONG, BOOLEAN, DOUBLE }

    /**
     * One field. {@code options} lists allowed values (empty when free); {@code multiple} is true for
     * list-valued fields; password fields are secrets, accepted but never returned.
     */
    public record Field(String id, String name, String description, Type type, boolean required,
            boolean multiple, List<String> defaultValue, List<Option> options) {
    }

    public record Option(String value, String label) {
    }
}
