package dev.nixpolicy.engine;

import java.util.Map;
import org.kie.api.definition.rule.Rule;

/** A rule's name and its traceability metadata: the matrix, row and seed section it encodes. */
public record RuleInfo(String name, String matrix, String row, String source) {

    public static RuleInfo of(Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        return new RuleInfo(rule.getName(), text(meta.get("matrix")), text(meta.get("row")), text(meta.get("source")));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        String unquoted = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        return unquoted.replace("\\\"", "\"");
    }

    public boolean isTraceable() {
        return present(matrix) && present(row) && present(source);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
