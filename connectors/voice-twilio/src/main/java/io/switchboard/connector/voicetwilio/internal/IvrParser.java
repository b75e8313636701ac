package io.switchboard.connector.voicetwilio.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import io.switchboard.connector.voicetwilio.internal.Ivr.Action;
import io.switchboard.connector.voicetwilio.internal.Ivr.Node;
import io.switchboard.connector.voicetwilio.internal.Ivr.Option;
import io.switchboard.connector.voicetwilio.internal.Ivr.PlayMessage;
import io.switchboard.connector.voicetwilio.internal.Ivr.Prompt;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToMenu;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToQueue;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToVoicemail;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code ivr} configuration field (JSON, described in docs/channels/voice-twilio.md) into an
 * {@link Ivr}, refusing anything a call could trip over later. Every refusal is an {@link
 * IllegalArgumentException} whose message starts with the field and names the node, the option and the
 * key at fault, because the admin sees only that sentence beside the form field.
 */
final class IvrParser {

    static final String FIELD = "ivr";
    static final String DEFAULT_START = "main";
    static final int DEFAULT_REPEATS = 2;
    static final int MAX_REPEATS = 5;
    static final int DEFAULT_TIMEOUT = 5;
    static final int MAX_TIMEOUT = 30;
    static final int MAX_SAY = 4096;

    static final String CLOSED_TEXT = "Thank you for calling. We are closed right now. "
            + "Please leave a message after the tone, and we will get back to you.";
    static final String VOICEMAIL_TEXT = "Please leave a message after the tone. Press the pound key when you have finished.";
    static final String THANKS_TEXT = "Thank you for your message. Goodbye.";
    static final String NO_RECORDING_TEXT = "We did not receive a message. Goodbye.";
    static final String INVALID_TEXT = "Sorry, that is not one of the choices.";
    static final String NO_INPUT_TEXT = "Sorry, we did not get your choice.";
    static final String HOLD_TEXT = "Please stay on the line. The next available agent will be with you shortly.";

    /** Node ids and queue names travel in callback URLs and Twilio queue names: kept plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DIGIT = Pattern.compile("[0-9*]");
    private static final Pattern KEYWORD = Pattern.compile("[\\p{L}\\p{N}' -]{1,64}");

    private static final Set<String> TOP_KEYS = Set.of("voice", "language", "greeting", "start", "nodes", "closed",
            "voicemail", "thanks", "noRecording", "invalid", "noInput", "hold");
    private static final Set<String> NODE_KEYS = Set.of("prompt", "options", "default", "repeats", "timeout",
            "invalid", "noInput", "language");
    /** In the order errors name them. */
    private static final List<String> ACTIONS = List.of("queue", "menu", "voicemail", "message");
    private static final Set<String> ACTION_KEYS = Set.copyOf(ACTIONS);
    private static final Set<String> OPTION_KEYS = Set.of("digit", "keywords", "queue", "menu", "voicemail", "message");
    private static final Set<String> PROMPT_KEYS = Set.of("say", "play", "voice", "language");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private IvrParser() {
    }

    static Ivr parse(String json) {
        if (json == null || json.isBlank()) {
            throw invalid("required: the greeting and the menus as JSON");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalid("not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw invalid("must be a JSON object with a greeting and nodes");
        }
        onlyKnownKeys(root, TOP_KEYS, "");
        Defaults defaults = new Defaults(voice(root.get("voice"), ""), sayLanguage(root.get("language"), ""),
                root.hasNonNull("language") ? root.get("language").asText().strip() : null);

        Prompt greeting = requiredPrompt(root, "greeting", "", defaults);
        Prompt closed = optionalPrompt(root, "closed", "", defaults, CLOSED_TEXT);
        Prompt voicemail = optionalPrompt(root, "voicemail", "", defaults, VOICEMAIL_TEXT);
        Prompt thanks = optionalPrompt(root, "thanks", "", defaults, THANKS_TEXT);
        Prompt noRecording = optionalPrompt(root, "noRecording", "", defaults, NO_RECORDING_TEXT);
        Prompt invalidInput = optionalPrompt(root, "invalid", "", defaults, INVALID_TEXT);
        Prompt noInput = optionalPrompt(root, "noInput", "", defaults, NO_INPUT_TEXT);
        Prompt hold = optionalPrompt(root, "hold", "", defaults, HOLD_TEXT);

        JsonNode nodesJson = root.get("nodes");
        if (nodesJson == null || nodesJson.isNull()) {
            throw invalid("nodes is required: an object of menus by id");
        }
        if (!nodesJson.isObject() || nodesJson.isEmpty()) {
            throw invalid("nodes must be an object with at least one menu");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodesJson.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            if (!NAME.matcher(id).matches()) {
                throw invalid("node \"" + id + "\": a node id is 1 to 64 letters, digits, - or _");
            }
            nodes.put(id, node(id, entry.getValue(), defaults, invalidInput, noInput));
        }

        String start = DEFAULT_START;
        if (root.hasNonNull("start")) {
            if (!root.get("start").isTextual()) {
                throw invalid("start must be the id of a node");
            }
            start = root.get("start").asText().strip();
        }
        if (!nodes.containsKey(start)) {
            throw invalid("start node \"" + start + "\" is not among the nodes" + (root.hasNonNull("start") ? ""
                    : " (without \"start\", the IVR begins at \"" + DEFAULT_START + "\")"));
        }
        checkTargets(nodes);
        checkDefaultsLeaveTheMenus(nodes);
        return new Ivr(greeting, start, Map.copyOf(nodes), closed, voicemail, thanks, noRecording, hold);
    }

    /** The IVR's voice and languages, which prompts and menus inherit unless they set their own. */
    private record Defaults(Say.Voice voice, Say.Language language, String languageText) {
    }

    private static Node node(String id, JsonNode json, Defaults defaults, Prompt invalidInput, Prompt noInput) {
        String where = "node \"" + id + "\": ";
        if (!json.isObject()) {
            throw invalid(where + "must be an object with a prompt, options and a default");
        }
        onlyKnownKeys(json, NODE_KEYS, where);
        String languageText = json.hasNonNull("language") ? text(json.get("language"), where + "language")
                : defaults.languageText();
        Defaults nodeDefaults = json.hasNonNull("language")
                ? new Defaults(defaults.voice(), sayLanguage(json.get("language"), where), languageText)
                : defaults;
        Prompt prompt = requiredPrompt(json, "prompt", where, nodeDefaults);
        Prompt invalidHere = json.has("invalid") ? optionalPrompt(json, "invalid", where, nodeDefaults, null) : invalidInput;
        Prompt noInputHere = json.has("noInput") ? optionalPrompt(json, "noInput", where, nodeDefaults, null) : noInput;
        int repeats = integer(json, "repeats", where, DEFAULT_REPEATS, 0, MAX_REPEATS);
        int timeout = integer(json, "timeout", where, DEFAULT_TIMEOUT, 1, MAX_TIMEOUT);

        JsonNode optionsJson = json.get("options");
        if (optionsJson == null || optionsJson.isNull()) {
            throw invalid(where + "options is required: the choices of the menu");
        }
        if (!optionsJson.isArray() || optionsJson.isEmpty()) {
            throw invalid(where + "options must be a list of at least one choice");
        }
        List<Option> options = new ArrayList<>();
        Map<String, String> digits = new HashMap<>();
        Map<String, String> keywords = new HashMap<>();
        int index = 0;
        for (JsonNode optionJson : optionsJson) {
            index++;
            Option option = option(optionJson, where, index, nodeDefaults);
            String name = "option \"" + option.label() + "\"";
            if (option.digit() != null && digits.putIfAbsent(option.digit(), name) != null) {
                throw invalid(where + "digit \"" + option.digit() + "\" is used by two options");
            }
            for (String keyword : option.keywords()) {
                String other = keywords.putIfAbsent(Node.normalise(keyword), name);
                if (other != null && !other.equals(name)) {
                    throw invalid(where + name + ": keyword \"" + keyword + "\" is also a keyword of " + other);
                }
            }
            options.add(option);
        }
        JsonNode fallbackJson = json.get("default");
        if (fallbackJson == null || fallbackJson.isNull()) {
            throw invalid(where + "default is required: what happens after the repeats, e.g. {\"voicemail\": true}");
        }
        Action fallback = action(fallbackJson, where + "default", nodeDefaults, true);

        Gather.Language speech = null;
        if (!keywords.isEmpty()) {
            String language = languageText == null ? "en-US" : languageText;
            speech = enumValue(Gather.Language.values(), language);
            if (speech == null) {
                throw invalid(where + "speech recognition does not support the language \"" + language
                        + "\"; remove the keywords or choose another language");
            }
        }
        return new Node(id, prompt, invalidHere, noInputHere, repeats, timeout, List.copyOf(options), fallback, speech);
    }

    private static Option option(JsonNode json, String where, int index, Defaults defaults) {
        if (!json.isObject()) {
            throw invalid(where + "option " + index + " must be an object with a digit or keywords and where it leads");
        }
        String digit = null;
        JsonNode digitJson = json.get("digit");
        if (digitJson != null && !digitJson.isNull()) {
            digit = digitJson.isIntegralNumber() ? digitJson.asText() : digitJson.isTextual() ? digitJson.asText().strip() : "?";
            if (!DIGIT.matcher(digit).matches()) {
                throw invalid(where + "option \"" + digit + "\": digit must be one key, 0-9 or *");
            }
        }
        List<String> keywords = new ArrayList<>();
        JsonNode keywordsJson = json.get("keywords");
        if (keywordsJson != null && !keywordsJson.isNull()) {
            String label = digit != null ? "option \"" + digit + "\"" : "option " + index;
            List<JsonNode> list = new ArrayList<>();
            if (keywordsJson.isArray()) {
                keywordsJson.forEach(list::add);
            } else {
                list.add(keywordsJson);
            }
            for (JsonNode keyword : list) {
                if (!keyword.isTextual() || !KEYWORD.matcher(keyword.asText().strip()).matches()
                        || Node.normalise(keyword.asText()).isEmpty()) {
                    throw invalid(where + label + ": keywords must be words of letters and digits, at most 64 characters");
                }
                keywords.add(keyword.asText().strip());
            }
        }
        if (digit == null && keywords.isEmpty()) {
            throw invalid(where + "option " + index + " needs a digit or keywords");
        }
        String label = "option \"" + (digit != null ? digit : keywords.get(0)) + "\"";
        onlyKnownKeys(json, OPTION_KEYS, where + label + ": ");
        return new Option(digit, List.copyOf(keywords), action(json, where + label, defaults, false));
    }

    /** Exactly one of queue, menu, voicemail or message. */
    /** @param alone whether the object holds only the action (a default), not an option's digit and keywords too */
    private static Action action(JsonNode json, String where, Defaults defaults, boolean alone) {
        if (!json.isObject()) {
            throw invalid(where + " must be an object with one of queue, menu, voicemail or message");
        }
        if (alone) {
            onlyKnownKeys(json, ACTION_KEYS, where + ": ");
        }
        List<String> present = new ArrayList<>();
        for (String key : ACTIONS) {
            if (json.hasNonNull(key)) {
                present.add(key);
            }
        }
        if (present.size() != 1) {
            throw invalid(where + (present.isEmpty() ? " leads nowhere: give one of queue, menu, voicemail or message"
                    : " has both " + present.get(0) + " and " + present.get(1) + ": give exactly one"));
        }
        JsonNode value = json.get(present.get(0));
        switch (present.get(0)) {
            case "queue":
                if (!value.isTextual() || !NAME.matcher(value.asText().strip()).matches()) {
                    throw invalid(where + ": queue must be a name of 1 to 64 letters, digits, - or _");
                }
                return new ToQueue(value.asText().strip());
            case "menu":
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw invalid(where + ": menu must be the id of a node");
                }
                return new ToMenu(value.asText().strip());
            case "voicemail":
                if (value.isBoolean()) {
                    if (!value.asBoolean()) {
                        throw invalid(where + ": voicemail must be true or a prompt");
                    }
                    return new ToVoicemail(null);
                }
                return new ToVoicemail(prompt(value, where + ": voicemail", defaults));
            default:
                return new PlayMessage(prompt(value, where + ": message", defaults));
        }
    }

    private static void checkTargets(Map<String, Node> nodes) {
        for (Node node : nodes.values()) {
            for (Option option : node.options()) {
                if (option.action() instanceof ToMenu menu && !nodes.containsKey(menu.node())) {
                    throw invalid("node \"" + node.id() + "\": option \"" + option.label() + "\" leads to unknown node \""
                            + menu.node() + "\"");
                }
            }
            if (node.fallback() instanceof ToMenu menu && !nodes.containsKey(menu.node())) {
                throw invalid("node \"" + node.id() + "\": default leads to unknown node \"" + menu.node() + "\"");
            }
        }
    }

    /**
     * Choices may lead back to earlier menus (a "0 for the main menu" option), since the caller chose
     * to go there. Defaults may not go round in a circle: a caller who presses nothing would hear the
     * menus forever.
     */
    private static void checkDefaultsLeaveTheMenus(Map<String, Node> nodes) {
        for (Node first : nodes.values()) {
            Set<String> seen = new LinkedHashSet<>();
            Node node = first;
            while (node.fallback() instanceof ToMenu menu) {
                seen.add(node.id());
                if (seen.contains(menu.node())) {
                    List<String> circle = new ArrayList<>(seen);
                    circle = circle.subList(circle.indexOf(menu.node()), circle.size());
                    circle.add(menu.node());
                    throw invalid("node \"" + menu.node() + "\": the defaults go round in a circle (" + String.join(" > ", circle)
                            + "): a caller who presses nothing would never leave the menus; let one default lead to a "
                            + "queue, voicemail or message");
                }
                node = nodes.get(menu.node());
            }
        }
    }

    private static Prompt requiredPrompt(JsonNode parent, String key, String where, Defaults defaults) {
        JsonNode json = parent.get(key);
        if (json == null || json.isNull()) {
            throw invalid(where + key + " is required: {\"say\": \"…\"} or {\"play\": \"https://…\"}");
        }
        return prompt(json, where + key, defaults);
    }

    private static Prompt optionalPrompt(JsonNode parent, String key, String where, Defaults defaults, String fallback) {
        JsonNode json = parent.get(key);
        if (json == null || json.isNull()) {
            return fallback == null ? null : new Prompt(fallback, null, defaults.voice(), defaults.language());
        }
        return prompt(json, where + key, defaults);
    }

    /** A prompt object, or a plain string as a short form of {@code {"say": …}}. */
    private static Prompt prompt(JsonNode json, String where, Defaults defaults) {
        if (json.isTextual()) {
            return new Prompt(say(json, where), null, defaults.voice(), defaults.language());
        }
        if (!json.isObject()) {
            throw invalid(where + " must be {\"say\": \"…\"}, {\"play\": \"https://…\"} or a text");
        }
        onlyKnownKeys(json, PROMPT_KEYS, where + ": ");
        boolean say = json.hasNonNull("say");
        boolean play = json.hasNonNull("play");
        if (say == play) {
            throw invalid(where + (say ? " has both say and play: give one" : " needs say (text to speak) or play (an audio URL)"));
        }
        Say.Voice voice = json.hasNonNull("voice") ? voice(json.get("voice"), where + ": ") : defaults.voice();
        Say.Language language = json.hasNonNull("language") ? sayLanguage(json.get("language"), where + ": ")
                : defaults.language();
        if (play && (json.hasNonNull("voice") || json.hasNonNull("language"))) {
            throw invalid(where + ": voice and language only apply to say");
        }
        return say ? new Prompt(say(json.get("say"), where), null, voice, language)
                : new Prompt(null, audioUrl(json.get("play"), where), null, null);
    }

    private static String say(JsonNode json, String where) {
        if (!json.isTextual() || json.asText().isBlank()) {
            throw invalid(where + ": say must be a text to speak");
        }
        if (json.asText().length() > MAX_SAY) {
            throw invalid(where + ": say is longer than " + MAX_SAY + " characters");
        }
        return json.asText().strip();
    }

    private static URI audioUrl(JsonNode json, String where) {
        String text = json.isTextual() ? json.asText().strip() : "";
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw invalid(where + ": play must be an absolute http or https URL of an audio file");
    }

    private static Say.Voice voice(JsonNode json, String where) {
        if (json == null || json.isNull()) {
            return null;
        }
        Say.Voice voice = json.isTextual() ? enumValue(Say.Voice.values(), json.asText().strip()) : null;
        if (voice == null) {
            throw invalid(where + "voice \"" + json.asText() + "\" is not a Twilio voice (e.g. alice, Polly.Joanna, "
                    + "Google.en-US-Standard-C)");
        }
        return voice;
    }

    private static Say.Language sayLanguage(JsonNode json, String where) {
        if (json == null || json.isNull()) {
            return null;
        }
        Say.Language language = json.isTextual() ? enumValue(Say.Language.values(), json.asText().strip()) : null;
        if (language == null) {
            throw invalid(where + "language \"" + json.asText() + "\" is not a language Twilio speaks (e.g. en-US, de-DE)");
        }
        return language;
    }

    /** The SDK's enums carry Twilio's spelling in toString(). */
    private static <E extends Enum<E>> E enumValue(E[] values, String text) {
        for (E value : values) {
            if (value.toString().equalsIgnoreCase(text)) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode json, String where) {
        if (!json.isTextual() || json.asText().isBlank()) {
            throw invalid(where + " must be a text");
        }
        return json.asText().strip();
    }

    private static int integer(JsonNode parent, String key, String where, int fallback, int min, int max) {
        JsonNode json = parent.get(key);
        if (json == null || json.isNull()) {
            return fallback;
        }
        if (!json.isIntegralNumber() || json.asLong() < min || json.asLong() > max) {
            throw invalid(where + key + " must be a whole number from " + min + " to " + max);
        }
        return json.asInt();
    }

    private static void onlyKnownKeys(JsonNode json, Set<String> known, String where) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw invalid(where + "unknown key \"" + name + "\"");
            }
        }
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(FIELD + ": " + problem);
    }
}
