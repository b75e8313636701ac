package io.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private copy of the assembled distribution for one test. Jars are hard-linked (they are only
 * ever read, and a home then costs almost no disk or time); everything else is copied, so a test
 * may edit its etc/. The distribution's own data/ is left behind: a home starts with no data.
 */
final class DistributionCopy {

    private DistributionCopy() {
    }

    static Path create(Path distribution, Path homesRoot) {
        try {
            Files.createDirectories(homesRoot);
            Path home = Files.createTempDirectory(homesRoot, "switchboard-");
            Files.walkFileTree(distribution, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = distribution.relativize(dir);
                    if (relative.toString().equals("data")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(home.resolve(relative.toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    place(file, home.resolve(distribution.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + distribution + " into " + homesRoot, e);
        }
    }

    private static void place(Path source, Path target) throws IOException {
        if (source.getFileName().toString().endsWith(".jar")) {
            try {
                Files.createLink(target, source);
                return;
            } catch (IOException | UnsupportedOperationException differentFileSystem) {
                // hard links need one file system; a plain copy does the same job, only slower
            }
        }
        Files.copy(source, target);
    }

    static void delete(Path home) {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + home, e);
        }
    }
}
