package dev.nixpolicy.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Turns an override's YAML value into the plain Java value a decision holds. */
final class OverrideValues {
    private OverrideValues() {}

    static Object toJava(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(toJava(item)));
            return List.copyOf(items.stream().map(i -> i == null ? "null" : i).toList());
        }
        return node.toString();
    }
}
