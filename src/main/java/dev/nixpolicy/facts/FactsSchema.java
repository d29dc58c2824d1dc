package dev.nixpolicy.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema (draft 2020-12) of service and host facts, written from the same records the
 * loader reads them into, so editors complete and check exactly what nixpolicy accepts in shape.
 * The loader checks more than a schema can say (a secret's derived names, an image reference);
 * a key left out is unknown, and {@code null} is allowed wherever the loader allows it.
 */
public final class FactsSchema {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private FactsSchema() {}

    public static ObjectNode service() {
        return document(ServiceFacts.class, "nixpolicy service facts", "What is known about one self-hosted service before anything is decided.");
    }

    public static ObjectNode host() {
        return document(HostFacts.class, "nixpolicy host facts", "What is already true of the host a service lands on.");
    }

    private static ObjectNode document(Class<?> type, String title, String description) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", title);
        schema.put("description", description);
        schema.setAll(object(type));
        return schema;
    }

    private static ObjectNode object(Class<?> type) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordShape.Component c : RecordShape.of(type).components()) {
            JsonNode value = of(c.type(), c.genericType());
            properties.set(c.key(), c.required() ? value : nullable(value));
            if (c.required()) {
                required.add(c.key());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        node.put("additionalProperties", false);
        return node;
    }

    private static JsonNode of(Class<?> type, Type generic) {
        if (type == Optional.class) {
            Type inner = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return nullable(of(raw(inner), inner));
        }
        if (type == ApiVersion.class) {
            return JSON.objectNode().put("const", "nixpolicy/v1");
        }
        if (type == ServiceName.class) {
            return JSON.objectNode().put("type", "string").put("pattern", "^[a-z][a-z0-9-]{0,62}$");
        }
        if (type == String.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (type == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (type == Integer.class) {
            return JSON.objectNode().put("type", "integer");
        }
        if (type == JsonNode.class) {
            return JSON.objectNode();
        }
        if (type.isEnum() && YamlSpelling.class.isAssignableFrom(type)) {
            ArrayNode values = JSON.arrayNode();
            for (Object constant : type.getEnumConstants()) {
                values.add(((YamlSpelling) constant).yaml());
            }
            return JSON.objectNode().set("enum", values);
        }
        if (type == List.class) {
            Type item = ((ParameterizedType) generic).getActualTypeArguments()[0];
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", of(raw(item), item));
            return array;
        }
        if (type == Map.class) {
            Type[] arguments = ((ParameterizedType) generic).getActualTypeArguments();
            ObjectNode map = JSON.objectNode().put("type", "object");
            if (arguments[0] == Integer.class) {
                map.putObject("propertyNames").put("pattern", "^[0-9]+$");
            }
            map.set("additionalProperties", of(raw(arguments[1]), arguments[1]));
            return map;
        }
        if (type.isRecord()) {
            return object(type);
        }
        throw new IllegalStateException("no JSON Schema is known for " + type.getName());
    }

    private static JsonNode nullable(JsonNode schema) {
        ObjectNode either = JSON.objectNode();
        either.putArray("anyOf").add(schema).add(JSON.objectNode().put("type", "null"));
        return either;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
