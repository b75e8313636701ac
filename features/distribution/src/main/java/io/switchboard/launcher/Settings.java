package io.switchboard.launcher;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code etc/system.properties} and {@code etc/switchboard.properties} into JVM system
 * properties and framework properties. A {@code -D} on the command line always wins over the file.
 */
final class Settings {

    static final String SYSTEM_FILE = "system.properties";
    static final String FRAMEWORK_FILE = "switchboard.properties";

    private Settings() {
    }

    /**
     * Sets the JVM system properties of {@code etc/system.properties} that the command line did not
     * set. Runs before the framework starts, because slf4j-simple reads its settings once, when the
     * first logger is created.
     */
    static void applySystemProperties(Home home) throws LaunchException {
        System.setProperty(Home.PROPERTY, home.root().toString());
        Map<String, String> entries = PropertiesFile.read(home.etc().resolve(SYSTEM_FILE));
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (System.getProperty(entry.getKey()) == null) {
                String value = PropertiesFile.resolve(entry.getValue(), name -> lookup(entries, name));
                System.setProperty(entry.getKey(), value);
            }
        }
    }

    /** The framework properties: the file's entries, each overridable by a system property of the same name. */
    static Map<String, String> frameworkProperties(Home home) throws LaunchException {
        Map<String, String> entries = PropertiesFile.read(home.etc().resolve(FRAMEWORK_FILE));
        Map<String, String> effective = new TreeMap<>();
        entries.forEach((name, value) -> effective.put(name, System.getProperty(name, value)));
        effective.put(Home.PROPERTY, home.root().toString());

        Map<String, String> resolved = new TreeMap<>();
        for (Map.Entry<String, String> entry : effective.entrySet()) {
            resolved.put(entry.getKey(), PropertiesFile.resolve(entry.getValue(), name -> lookup(effective, name)));
        }
        return resolved;
    }

    /** A system property wins, as it does for the values themselves; then the file's own entries. */
    private static String lookup(Map<String, String> entries, String name) {
        String system = System.getProperty(name);
        return system != null ? system : entries.get(name);
    }
}
