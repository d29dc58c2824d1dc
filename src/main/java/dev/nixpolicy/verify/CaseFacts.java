package dev.nixpolicy.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a case's facts text: its fragment deep-merged over a minimal, valid service. */
final class CaseFacts {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CaseFacts() {}

    /** Removes each dotted path (a key left out of the facts is unknown); a path not in the facts is the case's mistake. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> unset(Map<String, Object> document, java.util.List<String> paths) {
        for (String path : paths) {
            String[] parts = path.split("\\.");
            Map<String, Object> node = document;
            for (int i = 0; i < parts.length - 1 && node != null; i++) {
                Object next = node.get(parts[i]);
                if (next instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                    node.put(parts[i], copy);
                    node = copy;
                } else {
                    node = null;
                }
            }
            if (node == null || !node.containsKey(parts[parts.length - 1])) {
                throw new IllegalArgumentException("unset: " + path + " is not in the case's facts");
            }
            node.remove(parts[parts.length - 1]);
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> fragment) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        fragment.forEach((key, value) -> {
            Object existing = out.get(key);
            if (existing instanceof Map<?, ?> e && value instanceof Map<?, ?> v) {
                out.put(key, merge((Map<String, Object>) e, (Map<String, Object>) v));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    static String yaml(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML mapping of {@code file}; one that is not one is bad input at its line and column. */
    static Map<String, Object> read(java.nio.file.Path file, String yaml) throws dev.nixpolicy.facts.BadInputException {
        try {
            return YAML.readValue(yaml, LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new dev.nixpolicy.facts.BadInputException(file, at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()), e.getOriginalMessage());
        }
    }
}
