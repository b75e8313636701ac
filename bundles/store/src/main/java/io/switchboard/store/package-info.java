/**
 * The persistent ticket model for the core bundles: the {@link io.switchboard.store.Store} service and
 * the entities it maps. Not part of the connector API.
 */
@Export
@Version("1.1.0")
package io.switchboard.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
