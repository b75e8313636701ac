/**
 * The channel runtime as the rest of the core sees it: installed channel types, configured instances
 * and their health, and instance administration validated against each type's Metatype.
 */
@Export
@Version("1.3.0")
package io.switchboard.channels;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
