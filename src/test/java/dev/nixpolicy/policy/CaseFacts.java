package dev.nixpolicy.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a case's facts text: its fragment deep-merged over a minimal, valid service. */
final class CaseFacts {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CaseFacts() {}

    static Map<String, Object> minimalService() {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("apiVersion", "nixpolicy/v1");
        base.put("service", "example");
        base.put("description", "A service of a matrix case");
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("port", 8300);
        base.put("upstream", upstream);
        return base;
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

    static Map<String, Object> read(String yaml) {
        try {
            return YAML.readValue(yaml, LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
