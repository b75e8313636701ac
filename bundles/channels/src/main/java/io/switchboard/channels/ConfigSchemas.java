package io.switchboard.channels;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A channel or bridge type's Metatype object class, read once into a {@link ConfigSchema}, and the one place
 * that checks and converts configuration values against it.
 */
public final class ConfigSchemas {
    private ConfigSchemas() {
    }

    public static ConfigSchema read(String pid, ObjectClassDefinition ocd) {
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<ConfigSchema.Field> fields = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            List<ConfigSchema.Option> options = new ArrayList<>();
            String[] values = ad.getOptionValues();
            String[] labels = ad.getOptionLabels();
            for (int i = 0; values != null && i < values.length; i++) {
                options.add(new ConfigSchema.Option(values[i], labels != null && i < labels.length ? labels[i] : values[i]));
            }
            String[] defaults = ad.getDefaultValue();
            fields.add(new ConfigSchema.Field(ad.getID(), ad.getName(), ad.getDescription(), type(ad.getType()),
                    required.contains(ad.getID()), ad.getCardinality() != 0,
                    defaults == null ? List.of() : List.of(defaults), options));
        }
        return new ConfigSchema(pid, ocd.getName(), ocd.getDescription(), List.copyOf(fields));
    }

    /**
     * Checks {@code values} against the schema and converts them to the types ConfigAdmin stores.
     * Fields left out take their default; secrets left out keep {@code previous} values.
     */
    public static Map<String, Object> validate(ConfigSchema schema, Map<String, Object> values, Map<String, Object> previous) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (ConfigSchema.Field field : schema.fields()) {
            known.add(field.id());
            Object raw = values.get(field.id());
            if (isEmpty(raw) && field.type() == ConfigSchema.Type.PASSWORD && previous.get(field.id()) != null) {
                raw = previous.get(field.id());
            }
            if (isEmpty(raw)) {
                if (!field.defaultValue().isEmpty()) {
                    raw = field.multiple() ? field.defaultValue() : field.defaultValue().get(0);
                } else if (field.required()) {
                    errors.put(field.id(), "is required");
                    continue;
                } else {
                    continue;
                }
            }
            try {
                result.put(field.id(), convert(field, raw));
            } catch (IllegalArgumentException e) {
                errors.put(field.id(), e.getMessage());
            }
        }
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                errors.put(key, "is not a field of this channel type");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
        return result;
    }

    /** Runs the Metatype's own checks (ranges, options) on converted values. */
    public static void check(ObjectClassDefinition ocd, Map<String, Object> converted) {
        Map<String, String> errors = new LinkedHashMap<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            Object value = converted.get(ad.getID());
            if (value == null) {
                continue;
            }
            for (Object single : value.getClass().isArray() ? toList(value) : List.of(value)) {
                String problem = ad.validate(String.valueOf(single));
                if (problem != null && !problem.isEmpty()) {
                    errors.put(ad.getID(), ad.getType() == AttributeDefinition.PASSWORD ? "is not valid" : problem);
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
    }

    private static Object convert(ConfigSchema.Field field, Object raw) {
        if (field.multiple()) {
            List<Object> items = raw instanceof Collection<?> c ? new ArrayList<>(c)
                    : raw.getClass().isArray() ? toList(raw) : splitList(raw);
            Object array = Array.newInstance(javaType(field.type()), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, single(field, items.get(i)));
            }
            return array;
        }
        if (raw instanceof Collection<?> || raw.getClass().isArray()) {
            throw new IllegalArgumentException("takes one value, not a list");
        }
        return single(field, raw);
    }

    private static Object single(ConfigSchema.Field field, Object raw) {
        String text = String.valueOf(raw).strip();
        Object value;
        try {
            value = switch (field.type()) {
                case STRING, PASSWORD -> String.valueOf(raw);
                case INTEGER -> raw instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.valueOf(text);
                case LONG -> raw instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : Long.valueOf(text);
                case DOUBLE -> raw instanceof Number n ? n.doubleValue() : Double.valueOf(text);
                case BOOLEAN -> bool(raw, text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + article(field.type()));
        }
        if (!field.options().isEmpty()
                && field.options().stream().noneMatch(o -> o.value().equals(String.valueOf(value)))) {
            throw new IllegalArgumentException("must be one of "
                    + field.options().stream().map(ConfigSchema.Option::value).toList());
        }
        return value;
    }

    private static Boolean bool(Object raw, String text) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new NumberFormatException(text);
    }

    private static String article(ConfigSchema.Type type) {
        return switch (type) {
            case INTEGER, LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            default -> "text";
        };
    }

    private static Class<?> javaType(ConfigSchema.Type type) {
        return switch (type) {
            case STRING, PASSWORD -> String.class;
            case INTEGER -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
        };
    }

    private static ConfigSchema.Type type(int metatype) {
        return switch (metatype) {
            case AttributeDefinition.PASSWORD -> ConfigSchema.Type.PASSWORD;
            case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> ConfigSchema.Type.INTEGER;
            case AttributeDefinition.LONG -> ConfigSchema.Type.LONG;
            case AttributeDefinition.BOOLEAN -> ConfigSchema.Type.BOOLEAN;
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> ConfigSchema.Type.DOUBLE;
            default -> ConfigSchema.Type.STRING;
        };
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }

    private static List<Object> splitList(Object raw) {
        return new ArrayList<>(Arrays.asList(String.valueOf(raw).split("\\s*,\\s*")));
    }

    private static List<Object> toList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    private static Set<String> ids(AttributeDefinition[] definitions) {
        Set<String> ids = new HashSet<>();
        for (AttributeDefinition ad : definitions == null ? new AttributeDefinition[0] : definitions) {
            ids.add(ad.getID());
        }
        return ids;
    }

    /** Keys ConfigAdmin and FileInstall add to every configuration; they are not the type's fields. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename");

    /** A configuration's own values, without the keys ConfigAdmin and FileInstall add. */
    public static Map<String, Object> properties(Dictionary<String, ?> properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                if (!FRAMEWORK_KEYS.contains(key)) {
                    map.put(key, properties.get(key));
                }
            }
        }
        return map;
    }

    /**
     * The instance id of a factory configuration: {@code switchboard.channel.sms_twilio~support} →
     * {@code support}, whether it was created through the REST API or from a file in {@code deploy/}.
     */
    public static String instanceId(String pid) {
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    /** One sentence naming every field at fault, for health and logs. */
    public static String describe(Map<String, String> errors) {
        StringBuilder text = new StringBuilder("invalid configuration:");
        errors.forEach((field, problem) -> text.append(' ').append(field).append(' ').append(problem).append(';'));
        return text.substring(0, text.length() - 1);
    }

    /**
     * The Metatype object class a bundle declares for a factory PID, or null when it declares none
     * (its instances then take no configuration).
     */
    public static ObjectClassDefinition objectClass(MetaTypeService metaTypes, Bundle bundle, String pid) {
        MetaTypeInformation info = metaTypes.getMetaTypeInformation(bundle);
        try {
            return info == null ? null : info.getObjectClassDefinition(pid, null);
        } catch (IllegalArgumentException noSuchPid) {
            return null;
        }
    }

    /** The schema of a type whose object class may be null (no configuration). */
    public static ConfigSchema schema(String pid, String name, ObjectClassDefinition ocd) {
        return ocd == null ? new ConfigSchema(pid, name, "", List.of()) : read(pid, ocd);
    }

    /** {@link #validate} and then, where there is an object class, its own {@link #check}. */
    public static Map<String, Object> validated(ConfigSchema schema, ObjectClassDefinition ocd,
            Map<String, Object> values, Map<String, Object> previous) {
        Map<String, Object> converted = validate(schema, values == null ? Map.of() : values, previous);
        if (ocd != null) {
            check(ocd, converted);
        }
        return converted;
    }
}

