package io.switchboard.channels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.channels.ConfigSchema;
import io.switchboard.channels.ConfigSchemas;
import io.switchboard.channels.InvalidConfigurationException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigSchemasTest {
    private final ObjectClassDefinition ocd = new Ocd(
            new Ad("callbackUrl", AttributeDefinition.STRING, 0, null, null, true),
            new Ad("secret", AttributeDefinition.PASSWORD, 0, null, null, true),
            new Ad("requestTimeoutSeconds", AttributeDefinition.INTEGER, 0, new String[] {"10"}, null, false),
            new Ad("region", AttributeDefinition.STRING, 0, null, new String[] {"us1", "ie1"}, false),
            new Ad("numbers", AttributeDefinition.STRING, 5, null, null, false));
    private final ConfigSchema schema = ConfigSchemas.read("switchboard.channel.test", ocd);

    @Test
    void theSchemaDescribesEveryField() {
        assertEquals(List.of("callbackUrl", "secret", "requestTimeoutSeconds", "region", "numbers"),
                schema.fields().stream().map(ConfigSchema.Field::id).toList());
        ConfigSchema.Field secret = schema.fields().get(1);
        assertEquals(ConfigSchema.Type.PASSWORD, secret.type());
        assertEquals(true, secret.required());
        assertEquals(List.of("10"), schema.fields().get(2).defaultValue());
        assertEquals(List.of("us1", "ie1"), schema.fields().get(3).options().stream().map(ConfigSchema.Option::value).toList());
        assertEquals(true, schema.fields().get(4).multiple());
    }

    @Test
    void valuesAreConvertedAndDefaultsApplied() {
        Map<String, Object> converted = ConfigSchemas.validate(schema,
                Map.of("callbackUrl", "https://x.example/r", "secret", "s3cret-s3cret-s3cret", "numbers", List.of("+1", "+2")),
                Map.of());
        assertEquals(10, converted.get("requestTimeoutSeconds"));
        assertArrayEquals(new String[] {"+1", "+2"}, (String[]) converted.get("numbers"));
        assertEquals(25, ConfigSchemas.validate(schema, Map.of("callbackUrl", "u", "secret", "s", "requestTimeoutSeconds", "25"),
                Map.of()).get("requestTimeoutSeconds"));
    }

    @Test
    void everyProblemNamesItsField() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> ConfigSchemas.validate(schema,
                Map.of("requestTimeoutSeconds", "soon", "region", "mars", "colour", "blue"), Map.of()));
        assertEquals(Map.of("callbackUrl", "is required", "secret", "is required",
                "requestTimeoutSeconds", "must be a whole number", "region", "must be one of [us1, ie1]",
                "colour", "is not a field of this channel type"), e.errors());
        assertThrows(InvalidConfigurationException.class, () -> ConfigSchemas.validate(schema,
                Map.of("callbackUrl", List.of("a", "b"), "secret", "s"), Map.of()));
    }

    @Test
    void aSecretLeftOutKeepsItsValue() {
        Map<String, Object> converted = ConfigSchemas.validate(schema, Map.of("callbackUrl", "https://new.example"),
                Map.of("callbackUrl", "https://old.example", "secret", "kept-secret"));
        assertEquals("kept-secret", converted.get("secret"));
        assertEquals("https://new.example", converted.get("callbackUrl"));
    }

    private record Ad(String id, int type, int cardinality, String[] defaults, String[] options, boolean required)
            implements AttributeDefinition {
        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "the " + id;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options;
        }

        @Override
        public String[] getOptionLabels() {
            return options;
        }

        @Override
        public String validate(String value) {
            return null;
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }

    private record Ocd(Ad... attributes) implements ObjectClassDefinition {
        @Override
        public String getName() {
            return "Test channel";
        }

        @Override
        public String getID() {
            return "switchboard.channel.test";
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            return java.util.Arrays.stream(attributes)
                    .filter(a -> filter == ALL || (filter == REQUIRED) == a.required())
                    .toArray(AttributeDefinition[]::new);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }
}
