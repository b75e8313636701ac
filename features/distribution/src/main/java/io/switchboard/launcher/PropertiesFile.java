package io.switchboard.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .properties} file of the {@code etc/} folder, read as UTF-8, whose values may refer to
 * other properties as {@code ${name}}.
 */
final class PropertiesFile {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    /** Deep enough for any sensible chain of references, shallow enough to stop a cycle quickly. */
    private static final int MAX_DEPTH = 16;

    private PropertiesFile() {
    }

    /** The file's entries; an absent file is an error, because the distribution always ships it. */
    static Map<String, String> read(Path file) throws LaunchException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new LaunchException("Missing " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> entries.put(name, properties.getProperty(name)));
        return entries;
    }

    /**
     * Replaces every {@code ${name}} in {@code value} by {@code lookup.apply(name)}, itself resolved
     * the same way. An unknown name is an error: a silently empty path would put data in the wrong place.
     */
    static String resolve(String value, UnaryOperator<String> lookup) throws LaunchException {
        return resolve(value, lookup, 0);
    }

    private static String resolve(String value, UnaryOperator<String> lookup, int depth) throws LaunchException {
        if (depth > MAX_DEPTH) {
            throw new LaunchException("Circular ${...} reference in '" + value + "'");
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = lookup.apply(name);
            if (replacement == null) {
                throw new LaunchException("Unknown property ${" + name + "} in '" + value + "'");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(resolve(replacement, lookup, depth + 1)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
