package dev.nixpolicy.engine;

import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;

/**
 * A rule's name and its traceability metadata: the matrix, row and seed section it encodes,
 * and the decision keys it decides or helps decide ({@code @decides("uid gid")}; "none" for
 * a rule about no key, "any" for the override rules).
 */
public record RuleInfo(String name, String matrix, String row, String source, List<String> decides) {
    public static final String NO_KEY = "none";
    public static final String ANY_KEY = "any";

    public RuleInfo {
        decides = List.copyOf(decides);
    }

    public static RuleInfo of(Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        String decides = text(meta.get("decides"));
        return new RuleInfo(rule.getName(), text(meta.get("matrix")), text(meta.get("row")), text(meta.get("source")),
                decides == null || decides.isBlank() ? List.of() : List.of(decides.strip().split("\\s+")));
    }

    /** Whether {@code @decides} allows this rule to decide {@code key}. */
    public boolean mayDecide(String key) {
        return decides.contains(key) || decides.contains(ANY_KEY);
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
        return present(matrix) && present(row) && present(source) && !decides.isEmpty();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
