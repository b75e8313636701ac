package io.switchboard.connector.voicetwilio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The menus a caller went through and what they chose in each, carried from answer to answer in the
 * callback URLs (Twilio signs them, so a caller cannot change it) rather than in memory: a call keeps
 * its path across a restart or an update of the connector. In a URL it is {@code node:choice} steps
 * joined by commas, e.g. {@code main:1,billing:9}; a choice is a digit, a keyword or {@code default}.
 */
record IvrPath(List<Step> steps, boolean truncated) {

    /** Enough for any sensible IVR, and it keeps the URLs short when a caller goes round in circles. */
    static final int MAX_STEPS = 20;
    static final String DEFAULT_CHOICE = "default";
    static final IvrPath EMPTY = new IvrPath(List.of(), false);

    private static final Pattern STEP = Pattern.compile("[A-Za-z0-9_-]{1,64}:[\\p{L}\\p{N}'* -]{1,64}");

    record Step(String node, String choice) {
    }

    IvrPath {
        steps = List.copyOf(steps);
    }

    IvrPath then(String node, String choice) {
        List<Step> next = new ArrayList<>(steps);
        next.add(new Step(node, choice));
        boolean cut = truncated;
        while (next.size() > MAX_STEPS) {
            next.remove(0);
            cut = true;
        }
        return new IvrPath(next, cut);
    }

    /** What goes into a callback URL (before URL encoding); a leading "~," marks dropped steps. */
    String encode() {
        StringBuilder text = new StringBuilder(truncated ? "~" : "");
        for (Step step : steps) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(step.node()).append(':').append(step.choice());
        }
        return text.toString();
    }

    /**
     * The path a callback URL carries. Twilio signed the URL, so anything odd in it comes from an older
     * version of this connector or a hand-made request: such steps are dropped, not trusted.
     */
    static IvrPath decode(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        boolean truncated = text.startsWith("~");
        List<Step> steps = new ArrayList<>();
        for (String part : (truncated ? text.substring(1) : text).split(",")) {
            if (STEP.matcher(part).matches()) {
                int colon = part.indexOf(':');
                steps.add(new Step(part.substring(0, colon), part.substring(colon + 1)));
            }
        }
        return new IvrPath(steps.size() > MAX_STEPS ? steps.subList(steps.size() - MAX_STEPS, steps.size()) : steps,
                truncated || steps.size() > MAX_STEPS);
    }

    /** For agents: {@code main (1) > billing (9)}. */
    String describe() {
        return String.join(" > ", labels());
    }

    /** One label a step, {@code ["main (1)", "billing (no choice)"]}, led by "…" when steps were dropped. */
    List<String> labels() {
        List<String> parts = new ArrayList<>();
        if (truncated) {
            parts.add("…");
        }
        for (Step step : steps) {
            parts.add(step.node() + " (" + (step.choice().equals(DEFAULT_CHOICE) ? "no choice" : step.choice()) + ")");
        }
        return parts;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }
}
