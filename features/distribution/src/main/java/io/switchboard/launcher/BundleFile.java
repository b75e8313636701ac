package io.switchboard.launcher;

import java.nio.file.Path;

/** A bundle jar to install, with the start level given by the numbered folder it lies in. */
record BundleFile(Path path, int startLevel) {
}
