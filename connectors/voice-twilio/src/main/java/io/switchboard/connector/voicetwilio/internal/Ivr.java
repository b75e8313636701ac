package io.switchboard.connector.voicetwilio.internal;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instance's IVR, checked: what the caller hears and where each choice leads. Immutable, so one
 * instance serves concurrent calls; read by {@link IvrParser} from the {@code ivr} configuration field.
 *
 * @param greeting played once when a call comes in during business hours
 * @param start the node the caller reaches after the greeting
 * @param nodes every menu, by id
 * @param closed played outside business hours, before the voicemail
 * @param voicemail played before the tone when no option gives its own
 * @param thanks played after a recording, before hanging up
 * @param noRecording played when the caller recorded nothing
 * @param hold spoken to callers waiting in a queue when no hold music is configured
 */
record Ivr(Prompt greeting, String start, Map<String, Node> nodes, Prompt closed, Prompt voicemail, Prompt thanks,
        Prompt noRecording, Prompt hold) {

    Node startNode() {
        return nodes.get(start);
    }

    /** Whether some option or default leads to a queue. */
    boolean usesQueues() {
        return nodes.values().stream().anyMatch(node -> node.fallback() instanceof ToQueue
                || node.options().stream().anyMatch(option -> option.action() instanceof ToQueue));
    }

    /** Text-to-speech ({@code say}) with its voice and language, or an audio file ({@code play}). */
    record Prompt(String say, URI play, Say.Voice voice, Say.Language language) {
    }

    /**
     * One menu.
     *
     * @param invalid played before the menu again when the input matched no option
     * @param noInput played before the menu again when nothing came in time
     * @param repeats how often the menu is played again after invalid or no input, before the default
     * @param timeout seconds Twilio waits for input
     * @param fallback what happens once the repeats are used up
     * @param speechLanguage the language speech is recognised in, or null for DTMF only
     */
    record Node(String id, Prompt prompt, Prompt invalid, Prompt noInput, int repeats, int timeout,
            List<Option> options, Action fallback, Gather.Language speechLanguage) {

        boolean acceptsSpeech() {
            return speechLanguage != null;
        }

        Choice byDigits(String digits) {
            for (Option option : options) {
                if (option.digit() != null && option.digit().equals(digits)) {
                    return new Choice(option, digits);
                }
            }
            return null;
        }

        /**
         * The first option (in the configured order) one of whose keywords the caller said, as whole
         * words; case and punctuation do not count.
         */
        Choice bySpeech(String speech) {
            String said = " " + normalise(speech) + " ";
            for (Option option : options) {
                for (String keyword : option.keywords()) {
                    if (said.contains(" " + normalise(keyword) + " ")) {
                        return new Choice(option, normalise(keyword));
                    }
                }
            }
            return null;
        }

        static String normalise(String text) {
            return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ").strip();
        }
    }

    /**
     * One choice of a menu.
     *
     * @param digit the keys to press, or null when it is chosen by speech only
     * @param keywords what the caller may say instead, possibly none
     */
    record Option(String digit, List<String> keywords, Action action) {

        /** How the option is named in the IVR path and in errors: its digit, else its first keyword. */
        String label() {
            return digit != null ? digit : keywords.get(0);
        }
    }

    /** What the caller chose, and how: the digit pressed or the keyword said (for the IVR path). */
    record Choice(Option option, String label) {
    }

    /** Where a choice leads. */
    sealed interface Action permits ToQueue, ToMenu, ToVoicemail, PlayMessage {
    }

    /** Wait in a Twilio queue for an agent. */
    record ToQueue(String queue) implements Action {
    }

    /** Another menu. */
    record ToMenu(String node) implements Action {
    }

    /** Leave a recorded message, after the prompt (null: the IVR's voicemail prompt). */
    record ToVoicemail(Prompt prompt) implements Action {
    }

    /** Hear a message, then the call ends. */
    record PlayMessage(Prompt prompt) implements Action {
    }
}
