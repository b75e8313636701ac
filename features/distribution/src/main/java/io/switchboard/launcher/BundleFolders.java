package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code bundles/}: each subfolder is named {@code <n>-<what>} and its jars are installed with
 * start level n. Folders go by number, jars within a folder by file name, so the install order, and
 * with it the start order, is the same on every start and every machine.
 */
final class BundleFolders {

    private static final Pattern FOLDER = Pattern.compile("(\\d+)-.+");

    private BundleFolders() {
    }

    static List<BundleFile> scan(Path bundles) throws LaunchException {
        List<BundleFile> found = new ArrayList<>();
        for (Path entry : list(bundles)) {
            if (!Files.isDirectory(entry)) {
                throw new LaunchException("Stray file " + entry + ": bundles go into a numbered folder such as bundles/4-core,"
                        + " hot-deployed ones into deploy/");
            }
            Matcher matcher = FOLDER.matcher(entry.getFileName().toString());
            if (!matcher.matches()) {
                throw new LaunchException("Folder " + entry + " is not named <start level>-<name>, e.g. 4-core");
            }
            int startLevel = Integer.parseInt(matcher.group(1));
            if (startLevel < 1) {
                throw new LaunchException("Folder " + entry + ": start levels begin at 1");
            }
            for (Path jar : list(entry)) {
                if (Files.isRegularFile(jar) && jar.getFileName().toString().endsWith(".jar")) {
                    found.add(new BundleFile(jar, startLevel));
                }
            }
        }
        found.sort(Comparator.comparingInt(BundleFile::startLevel)
                .thenComparing(bundle -> bundle.path().getFileName().toString()));
        return found;
    }

    private static List<Path> list(Path folder) throws LaunchException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new LaunchException("Cannot list " + folder + ": " + e, e);
        }
    }
}
