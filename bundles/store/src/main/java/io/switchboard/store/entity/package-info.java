/**
 * Rows of the ticket model. Entities refer to each other by id, never by association, so that no lazy
 * proxy ever crosses a bundle boundary.
 */
@Export
@Version("1.3.0")
package io.switchboard.store.entity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
