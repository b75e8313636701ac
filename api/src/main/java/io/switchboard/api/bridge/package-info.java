/**
 * The bridge SPI: what a plug-in that mirrors Switchboard into an existing ticketing product (Request
 * Tracker, Zendesk, …) implements, and what the core gives it.
 *
 * <p>A bridge bundle registers one {@link io.switchboard.api.bridge.BridgeType} service and describes
 * its configuration with a Metatype object class for the factory PID {@link
 * io.switchboard.api.bridge.BridgeType#configurationPid(String)}. For every configuration an admin
 * creates, the core calls {@link io.switchboard.api.bridge.BridgeType#create(BridgeContext)}.
 *
 * <p>Two directions:
 * <ul>
 * <li><b>Into the product.</b> The core offers each instance the ordered stream of {@link
 * io.switchboard.api.bridge.ModelChange model changes} from where that instance left off, one at a
 * time, and moves its cursor past a change only once {@link
 * io.switchboard.api.bridge.BridgeInstance#apply} says it is done. A change can therefore be offered
 * again (after a crash, an update of the bundle, a restart); the bridge makes applying it twice
 * harmless with the {@link io.switchboard.api.bridge.ExternalRefs external references} it records, and
 * with a marker of its own in the product for the moment between the product's answer and recording
 * the reference.</li>
 * <li><b>Out of the product.</b> What agents do there comes back through {@link
 * io.switchboard.api.bridge.BridgeContext#reply}, {@link io.switchboard.api.bridge.BridgeContext#note}
 * and {@link io.switchboard.api.bridge.BridgeContext#changeStatus}, each de-duplicated by the product's
 * own event id and recorded with its reference in the same transaction, so that it is never mirrored
 * back (no echo).</li>
 * </ul>
 * See {@code docs/bridge-guide.md}.
 */
@Export
@Version("1.0.0")
package io.switchboard.api.bridge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
