/** The bridge runtime's view for the REST API: configured bridge instances and their health. */
@Export
@Version("1.0.0")
package io.switchboard.bridges;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
