package io.switchboard.connector.voicetwilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.api.channel.InboundResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads a TwiML answer back as XML, written independently of the connector: every verb on a line of its
 * own, its attributes sorted by name, its text after a colon, nested verbs indented, so a test states
 * exactly what Twilio gets.
 */
final class Twiml {

    private Twiml() {
    }

    /** The TwiML of an accepted request that stored nothing. */
    static String of(InboundResult result) {
        InboundResult.Accepted accepted = (InboundResult.Accepted) result;
        assertEquals(List.of(), accepted.events());
        assertEquals(200, accepted.response().status());
        assertEquals("application/xml", accepted.response().contentType());
        return new String(accepted.response().body(), StandardCharsets.UTF_8);
    }

    /** The TwiML of an accepted request, whatever events it reported. */
    static String answer(InboundResult result) {
        InboundResult.Accepted accepted = (InboundResult.Accepted) result;
        assertEquals(200, accepted.response().status());
        assertEquals("application/xml", accepted.response().contentType());
        return new String(accepted.response().body(), StandardCharsets.UTF_8);
    }

    static String describe(String xml) {
        Element root = parse(xml);
        assertEquals("Response", root.getTagName());
        List<String> lines = new ArrayList<>();
        for (Element verb : children(root)) {
            describe(verb, "", lines);
        }
        return String.join("\n", lines);
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    /** The value of an attribute of the first verb with that name, at any depth. */
    static String attribute(String xml, String verb, String name) {
        Element element = (Element) parse(xml).getElementsByTagName(verb).item(0);
        if (element == null) {
            throw new AssertionError("no " + verb + " in " + xml);
        }
        return element.getAttribute(name);
    }

    private static void describe(Element verb, String indent, List<String> lines) {
        StringBuilder line = new StringBuilder(indent).append(verb.getTagName());
        NamedNodeMap attributes = verb.getAttributes();
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            sorted.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        sorted.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        List<Element> nested = children(verb);
        String text = nested.isEmpty() ? verb.getTextContent().strip() : "";
        if (!text.isEmpty()) {
            line.append(": ").append(text);
        }
        lines.add(line.toString());
        for (Element child : nested) {
            describe(child, indent + "  ", lines);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }
}
