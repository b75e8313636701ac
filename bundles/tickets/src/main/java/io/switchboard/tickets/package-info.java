/**
 * The ticket rules of the core: who a message is from, which ticket it joins, and what agents do to
 * tickets. Used by the channel runtime and the REST API; not part of the connector API.
 */
@Export
@Version("1.3.0")
package io.switchboard.tickets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
