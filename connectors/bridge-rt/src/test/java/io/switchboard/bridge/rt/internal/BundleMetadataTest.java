package io.switchboard.bridge.rt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.bridge.BridgeType;
import io.switchboard.testkit.BuildOutput;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Checks what bnd generated: the manifest an admin's framework resolves and the Metatype the core validates with. */
class BundleMetadataTest {
    private static final BuildOutput OUTPUT = BuildOutput.of(RtBridgeType.class);
    private static final List<String> ALLOWED_IMPORTS = List.of("io.switchboard.api.", "org.slf4j", "java.");
    /** The JDK's XML packages, touched only by Jackson features the bridge never uses. */
    private static final List<String> OPTIONAL_IMPORTS = List.of("javax.xml.", "org.w3c.dom", "org.xml.sax");

    @Test
    void theBundleExportsNothingAndNeedsOnlyTheApiLoggingAndTheJdk() {
        Attributes manifest = OUTPUT.manifest();

        assertEquals("io.switchboard.bridge.rt", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"));
        for (String clause : BuildOutput.clauses(manifest.getValue("Import-Package"))) {
            String imported = clause.split(";")[0].strip();
            if (OPTIONAL_IMPORTS.stream().anyMatch(imported::startsWith)) {
                assertTrue(clause.contains("resolution:=optional"), clause);
            } else {
                assertTrue(ALLOWED_IMPORTS.stream().anyMatch(imported::startsWith), "unexpected import " + clause);
            }
        }
        assertTrue(manifest.getValue("Import-Package").contains("io.switchboard.api.bridge;version=\"[1.0,2)\""),
                manifest.getValue("Import-Package"));
        assertTrue(manifest.getValue("Service-Component").contains("RtBridgeType"));
    }

    @Test
    void jacksonIsEmbeddedPrivately() {
        List<String> privatePackages = List.of(OUTPUT.manifest().getValue("Private-Package").split(","));
        for (String embedded : List.of("com.fasterxml.jackson.databind", "com.fasterxml.jackson.core")) {
            assertTrue(privatePackages.contains(embedded), embedded);
        }
    }

    @Test
    void theMetatypeDescribesTheFactoryConfigurationTheSettingsRead() {
        assertEquals(BridgeType.configurationPid(RtBridgeType.TYPE_ID), RtBridgeType.CONFIGURATION_PID);
        Element designate = OUTPUT.metatypeDesignate(RtBridgeType.CONFIGURATION_PID);
        assertEquals(RtBridgeType.CONFIGURATION_PID, designate.getAttribute("factoryPid"));

        Map<String, Element> fields = OUTPUT.metatypeFields(RtBridgeType.CONFIGURATION_PID);
        assertEquals(List.of(RtSettings.URL, RtSettings.USERNAME, RtSettings.PASSWORD, RtSettings.QUEUE, RtSettings.QUEUE_MAPPING,
                RtSettings.STATUS_MAPPING, RtSettings.REQUESTOR_ADDRESS, RtSettings.POLL_SECONDS, RtSettings.MARKER_FIELD),
                List.copyOf(fields.keySet()));
        assertEquals("Password", fields.get("password").getAttribute("type"));
        assertEquals("Integer", fields.get("pollSeconds").getAttribute("type"));
        assertEquals("5", fields.get("pollSeconds").getAttribute("default"));
        assertEquals("General", fields.get("queue").getAttribute("default"));
        // Metatype defaults are a comma-separated list in which a space is escaped; Metatype readers unescape it.
        assertEquals("Switchboard\\ Ticket", fields.get("markerField").getAttribute("default"));
        assertEquals("100", fields.get("queueMapping").getAttribute("cardinality"));
        for (String required : List.of("url", "username", "password")) {
            assertEquals("", fields.get(required).getAttribute("required"), required);
        }
    }
}
