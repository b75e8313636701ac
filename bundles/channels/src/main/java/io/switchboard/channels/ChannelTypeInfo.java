package io.switchboard.channels;

import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelKind;
import java.util.Set;

/** An installed connector type, the bundle that provides it, and its configuration schema. */
public record ChannelTypeInfo(String id, String displayName, ChannelKind kind,
        Set<Capability> capabilities, String bundle, String bundleVersion, ConfigSchema schema) {
}
