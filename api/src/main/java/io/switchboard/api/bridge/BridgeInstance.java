package io.switchboard.api.bridge;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One configured bridge: one Request Tracker, one Zendesk account. The core calls {@link #apply} from
 * one thread of its own per instance, in stream order, never twice at once; what it throws is logged
 * and treated as a {@link ApplyResult.Retry}.
 */
@ConsumerType
public interface BridgeInstance {

    /**
     * Brings the product up to date with one change. Read the changed object's current state from
     * {@link BridgeContext#model()}: the change says what changed, not how, and the state may already
     * be newer than the change (which makes replaying old changes cheap and correct).
     *
     * <p>May be called again with a change already applied, so it must look at {@link
     * BridgeContext#refs()} (and, for the gap between the product's answer and recording the
     * reference, at a marker of its own in the product) before it creates anything.
     */
    ApplyResult apply(ModelChange change);

    /** Releases what the instance holds; the core calls it once, when the configuration or bundle goes. */
    default void dispose() {
    }
}
