package io.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What bnd generated for a connector into its build output, which Maven fills before the tests run: the
 * manifest an admin's framework resolves, and the Metatype the admin console renders.
 */
public final class BuildOutput {
    private final Path root;

    private BuildOutput(Path root) {
        this.root = root;
    }

    /** The build output that {@code connectorClass} was loaded from. */
    public static BuildOutput of(Class<?> connectorClass) {
        try {
            return new BuildOutput(Path.of(connectorClass.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path resolve(String path) {
        return root.resolve(path);
    }

    /** The main attributes of {@code META-INF/MANIFEST.MF}. */
    public Attributes manifest() {
        try (InputStream in = Files.newInputStream(root.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clauses of a manifest header, with their attributes; commas inside quotes do not split. */
    public static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i == header.length() ? ',' : header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                clauses.add(header.substring(start, i).strip());
                start = i + 1;
            }
        }
        return clauses;
    }

    /** The package names of a manifest header, without their attributes. */
    public static List<String> packages(String header) {
        return clauses(header).stream().map(clause -> clause.split(";")[0].strip()).toList();
    }

    /** The one {@code Designate} element of the Metatype file for {@code pid}. */
    public Element metatypeDesignate(String pid) {
        NodeList designates = metatype(pid).getElementsByTagName("Designate");
        if (designates.getLength() != 1) {
            throw new IllegalStateException(designates.getLength() + " Designate elements for " + pid);
        }
        return (Element) designates.item(0);
    }

    /** The attribute definitions ({@code AD}) of the Metatype file for {@code pid}, by id, in file order. */
    public Map<String, Element> metatypeFields(String pid) {
        Map<String, Element> fields = new LinkedHashMap<>();
        NodeList definitions = metatype(pid).getElementsByTagName("AD");
        for (int i = 0; i < definitions.getLength(); i++) {
            Element field = (Element) definitions.item(i);
            fields.put(field.getAttribute("id"), field);
        }
        return fields;
    }

    private Document metatype(String pid) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(root.resolve("OSGI-INF/metatype/" + pid + ".xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("the Metatype of " + pid + " could not be read: " + e.getMessage(), e);
        }
    }
}
