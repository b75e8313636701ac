package io.switchboard.channels;

import java.util.Map;

/** A configuration that does not fit the type's schema; {@code errors} maps field id to problem. */
public class InvalidConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> errors;

    public InvalidConfigurationException(Map<String, String> errors) {
        super("invalid configuration: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
