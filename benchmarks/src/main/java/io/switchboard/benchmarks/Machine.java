package io.switchboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run measured, as far as Linux and the JVM tell.
 *
 * @param cpu    the CPU model
 * @param cores  processors available to the JVM
 * @param memory total memory, e.g. "23.5 GiB"
 * @param os     distribution and kernel
 * @param java   runtime name and version
 */
record Machine(String cpu, int cores, String memory, String os, String java) {
    private static final String UNKNOWN = "unknown";

    static Machine describe() {
        return new Machine(
                field(Path.of("/proc/cpuinfo"), "model name", ":").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/meminfo"), "MemTotal", ":").map(Machine::gibibytes).orElse(UNKNOWN),
                field(Path.of("/etc/os-release"), "PRETTY_NAME", "=").map(name -> name.replace("\"", "") + ", ").orElse("")
                        + System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")");
    }

    /** The value of the first line of {@code file} that starts with {@code key}. */
    private static Optional<String> field(Path file, String key, String separator) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(key) && line.contains(separator))
                    .map(line -> line.substring(line.indexOf(separator) + 1).trim())
                    .filter(value -> !value.isEmpty())
                    .findFirst();
        } catch (IOException | SecurityException notLinux) {
            return Optional.empty();
        }
    }

    /** "24596464 kB" → "23.5 GiB". */
    private static String gibibytes(String kilobytes) {
        long kb = Long.parseLong(kilobytes.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
    }
}
