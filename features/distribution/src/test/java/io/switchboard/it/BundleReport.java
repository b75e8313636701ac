package io.switchboard.it;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's start-up line {@code Bundles: 15 active, 1 fragment, 0 not active[: a (STATE): why; b ...]}.
 *
 * @param active     bundles in state ACTIVE
 * @param fragments  fragments attached to their host
 * @param notActive  one entry per other bundle: name, version, state and why it failed to start
 */
public record BundleReport(int active, int fragments, List<String> notActive) {

    private static final Pattern LINE =
            Pattern.compile("Bundles: (\\d+) active, (\\d+) fragments?, (\\d+) not active(?:: (.*))?$");

    static Optional<BundleReport> find(List<String> lines) {
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                List<String> notActive = matcher.group(4) == null ? List.of() : Arrays.asList(matcher.group(4).split("; "));
                return Optional.of(new BundleReport(Integer.parseInt(matcher.group(1)),
                        Integer.parseInt(matcher.group(2)), notActive));
            }
        }
        return Optional.empty();
    }
}
