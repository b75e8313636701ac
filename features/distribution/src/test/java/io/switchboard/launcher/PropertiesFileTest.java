package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {

    @TempDir
    Path dir;

    @Test
    void readsUtf8WithEscapes() throws Exception {
        Path file = dir.resolve("a.properties");
        Files.writeString(file, "# comment\nfilter=.*\\\\.(jar|cfg)\ngreeting=Grüße\n");

        Map<String, String> entries = PropertiesFile.read(file);

        assertEquals(".*\\.(jar|cfg)", entries.get("filter"));
        assertEquals("Grüße", entries.get("greeting"));
    }

    @Test
    void resolvesNestedReferences() throws Exception {
        Map<String, String> values = Map.of("home", "/opt/sb", "data", "${home}/data");

        assertEquals("/opt/sb/data/cache", PropertiesFile.resolve("${data}/cache", values::get));
    }

    @Test
    void refusesUnknownReferences() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> PropertiesFile.resolve("${nowhere}/cache", name -> null));

        assertTrue(e.getMessage().contains("${nowhere}"), e.getMessage());
    }

    @Test
    void refusesCircularReferences() {
        Map<String, String> values = Map.of("a", "${b}", "b", "${a}");

        assertThrows(LaunchException.class, () -> PropertiesFile.resolve("${a}", values::get));
    }

    @Test
    void reportsAMissingFile() throws IOException {
        LaunchException e = assertThrows(LaunchException.class, () -> PropertiesFile.read(dir.resolve("missing.properties")));

        assertTrue(e.getMessage().contains("missing.properties"), e.getMessage());
    }
}
