package io.switchboard.channels;

import io.switchboard.api.channel.Health;
import java.util.Map;

/**
 * A configured channel instance. {@code configuration} holds its values without secrets; {@code
 * secretsSet} names the secret fields that have a value. {@code active} is false while its type is
 * not installed.
 */
public record InstanceInfo(String id, String type, boolean active, Health health,
        Map<String, Object> configuration, java.util.Set<String> secretsSet) {
}
