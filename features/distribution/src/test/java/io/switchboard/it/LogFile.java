package io.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's standard output and error, appended to one file across restarts; reading starts
 * at the offset where the current run began, so a restarted process is judged by its own lines.
 */
final class LogFile {

    private final Path file;
    private long runStart;

    LogFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Marks the end of the file as the beginning of the next run. */
    void markRunStart() {
        try {
            Files.createDirectories(file.getParent());
            runStart = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> currentRun() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(runStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the current run, ready to append to an assertion message. */
    String tail(int lines) {
        List<String> run = currentRun();
        List<String> last = run.subList(Math.max(0, run.size() - lines), run.size());
        return "\n--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
    }
}
