/**
 * The one ticket model, as every part of Switchboard and every plug-in sees it.
 *
 * <p>A {@link io.switchboard.api.model.Customer} is one person with many
 * {@link io.switchboard.api.model.Identity identities}; a {@link io.switchboard.api.model.Ticket}
 * holds {@link io.switchboard.api.model.Conversation conversations} from any number of channels and
 * one {@link io.switchboard.api.model.TimelineEntry timeline}. These types are read-only snapshots.
 */
@Export
@Version("1.1.0")
package io.switchboard.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
