package io.switchboard.connector.webhookgeneric.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testkit.BuildOutput;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Checks what bnd generated into the build output (it runs before the tests): the manifest an admin's
 * framework resolves, and the Metatype the admin console renders.
 */
class BundleMetadataTest {
    private static final BuildOutput OUTPUT = BuildOutput.of(WebhookGenericChannelType.class);

    private static final List<String> ALLOWED_IMPORTS =
            List.of("io.switchboard.api.", "org.slf4j", "org.osgi.", "java.", "javax.", "org.w3c.", "org.xml.");

    @Test
    void theBundleExportsNothingAndImportsOnlyTheApiAndThePlatform() throws Exception {
        Attributes manifest = OUTPUT.manifest();

        assertEquals("io.switchboard.connector.webhookgeneric", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"));
        List<String> imports = BuildOutput.packages(manifest.getValue("Import-Package"));
        for (String imported : imports) {
            assertTrue(ALLOWED_IMPORTS.stream().anyMatch(imported::startsWith), "unexpected import " + imported);
        }
        assertTrue(imports.contains("io.switchboard.api.channel"), imports.toString());
        assertTrue(manifest.getValue("Service-Component").contains("WebhookGenericChannelType"));
    }

    @Test
    void theMetatypeDescribesTheFactoryConfigurationTheSettingsRead() throws Exception {
        Element designate = OUTPUT.metatypeDesignate(WebhookGenericChannelType.CONFIGURATION_PID);
        assertEquals(WebhookGenericChannelType.CONFIGURATION_PID, designate.getAttribute("factoryPid"));
        assertEquals("", designate.getAttribute("pid"));

        Map<String, Element> fields = OUTPUT.metatypeFields(WebhookGenericChannelType.CONFIGURATION_PID);
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
}
