package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFoldersTest {

    @TempDir
    Path bundles;

    @Test
    void ordersByFolderNumberThenFileNameAndTakesTheStartLevelFromTheFolder() throws Exception {
        jar("10-late", "a.jar");
        jar("2-platform", "scr.jar");
        jar("2-platform", "configadmin.jar");
        jar("1-logging", "slf4j-api.jar");
        Files.writeString(Files.createDirectories(bundles.resolve("1-logging")).resolve("notes.txt"), "ignored");

        List<BundleFile> found = BundleFolders.scan(bundles);

        assertEquals(List.of("slf4j-api.jar", "configadmin.jar", "scr.jar", "a.jar"),
                found.stream().map(bundle -> bundle.path().getFileName().toString()).toList());
        assertEquals(List.of(1, 2, 2, 10), found.stream().map(BundleFile::startLevel).toList());
    }

    @Test
    void refusesAJarOutsideANumberedFolder() throws Exception {
        Files.createFile(bundles.resolve("stray.jar"));

        LaunchException e = assertThrows(LaunchException.class, () -> BundleFolders.scan(bundles));

        assertTrue(e.getMessage().contains("stray.jar"), e.getMessage());
    }

    @Test
    void refusesAFolderWithoutAStartLevel() throws Exception {
        Files.createDirectories(bundles.resolve("core"));

        assertThrows(LaunchException.class, () -> BundleFolders.scan(bundles));
    }

    @Test
    void refusesStartLevelZero() throws Exception {
        Files.createDirectories(bundles.resolve("0-first"));

        assertThrows(LaunchException.class, () -> BundleFolders.scan(bundles));
    }

    private void jar(String folder, String name) throws IOException {
        Files.createFile(Files.createDirectories(bundles.resolve(folder)).resolve(name));
    }
}
