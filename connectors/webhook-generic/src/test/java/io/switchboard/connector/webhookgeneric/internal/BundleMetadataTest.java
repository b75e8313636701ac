package io.switchboard.connector.webhookgeneric.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
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
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks what bnd generated into the build output (it runs before the tests): the manifest an admin's
 * framework resolves, and the Metatype the admin console renders.
 */
class BundleMetadataTest {

    private static final List<String> ALLOWED_IMPORTS =
            List.of("io.switchboard.api.", "org.slf4j", "org.osgi.", "java.", "javax.", "org.w3c.", "org.xml.");

    @Test
    void theBundleExportsNothingAndImportsOnlyTheApiAndThePlatform() throws Exception {
        Attributes manifest = manifest();

        assertEquals("io.switchboard.connector.webhookgeneric", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"));
        List<String> imports = packages(manifest.getValue("Import-Package"));
        for (String imported : imports) {
            assertTrue(ALLOWED_IMPORTS.stream().anyMatch(imported::startsWith), "unexpected import " + imported);
        }
        assertTrue(imports.contains("io.switchboard.api.channel"), imports.toString());
        assertTrue(manifest.getValue("Service-Component").contains("WebhookGenericChannelType"));
    }

    @Test
    void theMetatypeDescribesTheFactoryConfigurationTheSettingsRead() throws Exception {
        Document metatype = xml(output().resolve("OSGI-INF/metatype/" + WebhookGenericChannelType.CONFIGURATION_PID + ".xml"));

        Element designate = only(metatype.getElementsByTagName("Designate"));
        assertEquals(WebhookGenericChannelType.CONFIGURATION_PID, designate.getAttribute("factoryPid"));
        assertEquals("", designate.getAttribute("pid"));

        Map<String, Element> fields = new LinkedHashMap<>();
        NodeList definitions = metatype.getElementsByTagName("AD");
        for (int i = 0; i < definitions.getLength(); i++) {
            Element field = (Element) definitions.item(i);
            fields.put(field.getAttribute("id"), field);
        }
        assertEquals(List.of(ChannelSettings.CALLBACK_URL, ChannelSettings.SECRET, ChannelSettings.REQUEST_TIMEOUT_SECONDS),
                List.copyOf(fields.keySet()));
        assertEquals("String", fields.get("callbackUrl").getAttribute("type"));
        assertEquals("Password", fields.get("secret").getAttribute("type"));
        assertEquals("Integer", fields.get("requestTimeoutSeconds").getAttribute("type"));
        assertEquals("false", fields.get("requestTimeoutSeconds").getAttribute("required"));
        assertEquals("10", fields.get("requestTimeoutSeconds").getAttribute("default"));
        // Absent means required in Metatype.
        assertEquals("", fields.get("callbackUrl").getAttribute("required"));
        assertEquals("", fields.get("secret").getAttribute("required"));
    }

    private static Attributes manifest() throws Exception {
        try (InputStream in = Files.newInputStream(output().resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    /** The package names of a manifest header, without their attributes. */
    private static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i == header.length() ? ',' : header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                names.add(header.substring(start, i).split(";")[0].strip());
                start = i + 1;
            }
        }
        return names;
    }

    private static Path output() throws URISyntaxException {
        return Path.of(WebhookGenericChannelType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element only(NodeList nodes) {
        assertEquals(1, nodes.getLength());
        return (Element) nodes.item(0);
    }
}
