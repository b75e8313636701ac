package io.switchboard.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict reader of the Prometheus text format 0.0.4, written from its specification, so that the
 * test fails on anything a scraper would reject: a bad metric or label name, a bad escape, a sample
 * without a TYPE line before it.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n", -1)) {
            parsed.line(line);
        }
        return parsed;
    }

    Optional<Sample> sample(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst();
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private void line(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            require(parts.length == 2 && isMetricName(parts[0]), "bad TYPE line: " + line);
            require(List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), line);
            types.put(parts[0], parts[1]);
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(isMetricName(name), "bad metric name in: " + line);
        require(types.containsKey(name), "sample before its TYPE line: " + line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        require(i < line.length() && line.charAt(i) == ' ', "no value in: " + line);
        String[] rest = line.substring(i + 1).split(" ");
        samples.add(new Sample(name, labels, Double.parseDouble(rest[0])));
    }

    /** Reads {@code a="x",b="y"}; returns the index after the closing brace. */
    private static int labels(String line, int start, Map<String, String> into) {
        int i = start;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String name = line.substring(i, equals);
            require(name.matches("[a-zA-Z_][a-zA-Z0-9_]*"), "bad label name " + name + " in: " + line);
            require(line.charAt(equals + 1) == '"', "unquoted label value in: " + line);
            StringBuilder value = new StringBuilder();
            i = equals + 2;
            while (line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\') {
                    char escaped = line.charAt(i + 1);
                    value.append(switch (escaped) {
                        case '\\' -> '\\';
                        case '"' -> '"';
                        case 'n' -> '\n';
                        default -> throw new AssertionError("bad escape \\" + escaped + " in: " + line);
                    });
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            }
            require(into.put(name, value.toString()) == null, "label given twice in: " + line);
            i++;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static boolean isMetricName(String name) {
        return name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
