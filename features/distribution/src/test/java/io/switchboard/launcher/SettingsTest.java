package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    /** Names no other code uses, because system properties are global to the test JVM. */
    private static final String PORT = "settings.test.http.port";
    private static final String LEVEL = "settings.test.log.level";

    @TempDir
    Path root;

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty(PORT);
        System.clearProperty(LEVEL);
        System.clearProperty(Home.PROPERTY);
    }

    @Test
    void frameworkPropertiesComeFromTheFileUnlessGivenWithMinusD() throws Exception {
        Home home = homeWith(PORT + "=8080\nstorage=${switchboard.home}/data/cache\nurl=http://localhost:${" + PORT + "}/\n");
        System.setProperty(PORT, "9090");

        Map<String, String> properties = Settings.frameworkProperties(home);

        assertEquals("9090", properties.get(PORT));
        assertEquals(root + "/data/cache", properties.get("storage"));
        assertEquals("http://localhost:9090/", properties.get("url"));
        assertEquals(root.toString(), properties.get(Home.PROPERTY));
    }

    @Test
    void systemPropertiesFileDoesNotOverrideTheCommandLine() throws Exception {
        Home home = homeWith("");
        Files.writeString(home.etc().resolve(Settings.SYSTEM_FILE), LEVEL + "=info\n");
        System.setProperty(LEVEL, "debug");

        Settings.applySystemProperties(home);

        assertEquals("debug", System.getProperty(LEVEL));
    }

    private Home homeWith(String frameworkProperties) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc").resolve(Settings.FRAMEWORK_FILE), frameworkProperties);
        return new Home(root);
    }
}
