package io.switchboard.bridges;

import io.switchboard.channels.InstanceInfo;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Configured bridge instances. Instances are ConfigAdmin factory configurations of their type's PID
 * ({@code switchboard.bridge.<type>}), e.g. files dropped into {@code deploy/}.
 */
@ProviderType
public interface BridgeRuntime {

    List<InstanceInfo> instances();
}
