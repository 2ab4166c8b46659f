package dev.runbot.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of {@code .preview.yaml} shipped in the jar, loaded once: the one statement of which
 * settings exist and which values they take. Validating is thread-safe; the schema never changes.
 */
final class PreviewConfigSchema {

    static final String RESOURCE = "runbot/preview-config.schema.json";

    private static final PreviewConfigSchema SCHEMA = load();

    private final JsonNode document;
    private final JsonSchema schema;

    private PreviewConfigSchema(JsonNode document, JsonSchema schema) {
        this.document = document;
        this.schema = schema;
    }

    static PreviewConfigSchema get() {
        return SCHEMA;
    }

    private static PreviewConfigSchema load() {
        try (InputStream in = PreviewConfigSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the .preview.yaml schema \"" + RESOURCE + "\" is missing from the classpath");
            }
            JsonNode document = new ObjectMapper().readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document, config);
            schema.initializeValidators();
            return new PreviewConfigSchema(document, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the .preview.yaml schema \"" + RESOURCE + "\"", e);
        }
    }

    /**
     * Validates {@code root}, after taking numbers and booleans written where the schema wants text as
     * the text they were written as ({@code fallbackTag: 1.10} is {@code "1.10"}); {@code root} is
     * changed accordingly, so what passes is what the configuration is built from.
     */
    List<ValidationMessage> validate(ObjectNode root, Map<FieldPath, String> plainScalars) {
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(root));
        boolean taken = false;
        for (ValidationMessage message : messages) {
            FieldPath path = FieldPath.of(message.getInstanceLocation());
            String written = plainScalars.get(path);
            if ("type".equals(message.getType()) && written != null && wantsText(message.getSchemaNode())) {
                replace(root, path, TextNode.valueOf(written));
                taken = true;
            }
        }
        return taken ? new ArrayList<>(schema.validate(root)) : messages;
    }

    private static boolean wantsText(JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if ("string".equals(one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "string".equals(type.asText());
    }

    private static void replace(JsonNode root, FieldPath path, JsonNode value) {
        JsonNode parent = root;
        List<Object> elements = path.elements();
        for (Object element : elements.subList(0, elements.size() - 1)) {
            parent = element instanceof Integer index ? parent.get(index) : parent.get((String) element);
        }
        Object last = elements.get(elements.size() - 1);
        if (parent instanceof ArrayNode array && last instanceof Integer index) {
            array.set(index, value);
        } else if (parent instanceof ObjectNode object && last instanceof String name) {
            object.set(name, value);
        }
    }

    /** The part of the schema at a JSON pointer into it, such as {@code /properties/port}; missing when there is none. */
    JsonNode at(String pointer) {
        return document.at(pointer);
    }

    /** The part of the schema a message's schema location points to, without its last {@code drop} steps. */
    JsonNode at(ValidationMessage message, int drop) {
        JsonNodePath fragment = message.getSchemaLocation().getFragment();
        JsonNode node = document;
        for (int i = 0; i < fragment.getNameCount() - drop; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path((String) element);
        }
        return node;
    }

    /** The settings an object in the schema knows, in the schema's order. */
    static List<String> propertyNames(JsonNode objectSchema) {
        List<String> names = new ArrayList<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The values an {@code enum} at {@code pointer} allows, in the schema's order. */
    List<String> choices(String pointer) {
        List<String> choices = new ArrayList<>();
        at(pointer).path("enum").forEach(choice -> choices.add(choice.asText()));
        return choices;
    }
}
