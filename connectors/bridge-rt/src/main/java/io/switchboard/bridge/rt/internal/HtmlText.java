package io.switchboard.bridge.rt.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from the HTML RT stores for replies written in its rich-text editor: SMS and most chat
 * channels carry text only. Line structure is kept; formatting is dropped.
 */
final class HtmlText {
    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote)\\s*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ");

    private HtmlText() {
    }

    static String toText(String html) {
        String text = DROPPED.matcher(html).replaceAll("");
        text = text.replaceAll("\\s*\\n\\s*", " ");
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = LIST_ITEM.matcher(text).replaceAll("- ");
        text = TAG.matcher(text).replaceAll("");
        Matcher entities = ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (entities.find()) {
            entities.appendReplacement(decoded, Matcher.quoteReplacement(entity(entities.group(1), entities.group())));
        }
        entities.appendTail(decoded);
        return decoded.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static String entity(String name, String whole) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return whole;
        }
        return NAMED.getOrDefault(name.toLowerCase(), whole);
    }
}
