package dev.nixpolicy.render;

import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.record.RecordedFollowUp;
import dev.nixpolicy.record.RecordedQuestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record arranged for the rationale template: values as text, lists present only when
 * non-empty, so that the template tests presence and nothing else.
 */
public final class RationaleView {
    private RationaleView() {}

    public static Map<String, Object> of(DecisionRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service", record.service());
        view.put("displayName", record.displayName());
        view.put("description", record.description());
        view.put("host", record.host());
        view.put("factsFile", record.factsFile());
        view.put("digest", record.policy().digest());
        view.put("research", research(record));
        List<Map<String, Object>> decisions = new ArrayList<>();
        List<Map<String, Object>> deviations = new ArrayList<>();
        for (RecordedDecision d : record.decisions().values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", d.key());
            item.put("value", text(d.value()));
            item.put("rule", d.rule());
            item.put("matrix", d.matrix());
            item.put("row", d.row());
            item.put("source", d.source());
            item.put("because", d.because().isEmpty() ? List.of("(no facts matched: the rule applies to every service)") : d.because());
            if (d.isOverride()) {
                Map<String, Object> deviation = new LinkedHashMap<>();
                deviation.put("key", d.key());
                deviation.put("value", text(d.value()));
                deviation.put("reason", d.reason());
                if (d.policyRule() != null) {
                    deviation.put("policy", Map.of("value", text(d.policyValue()), "rule", d.policyRule()));
                }
                deviations.add(deviation);
                item.put("override", Map.of("reason", d.reason()));
            }
            decisions.add(item);
        }
        present(view, "decisions", decisions);
        present(view, "patterns", patterns(record));
        present(view, "deviations", deviations);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (RecordedFinding f : record.findings()) {
            findings.add(Map.of("severity", f.severity(), "code", f.code(), "message", f.message(), "rule", f.rule()));
        }
        present(view, "findings", findings);
        List<Map<String, Object>> questions = new ArrayList<>();
        for (RecordedQuestion q : record.questions()) {
            questions.add(Map.of("about", q.about(), "question", q.question(),
                    "blocks", q.blocks().isEmpty() ? "" : " It decides " + String.join(", ", q.blocks()) + "."));
        }
        present(view, "questions", questions);
        List<Map<String, Object>> sections = new ArrayList<>();
        String current = null;
        List<String> items = null;
        for (RecordedFollowUp f : record.followUps()) {
            if (!f.section().equals(current)) {
                current = f.section();
                items = new ArrayList<>();
                sections.add(Map.of("section", current, "items", items));
            }
            items.add(f.text());
        }
        present(view, "followUps", sections);
        return view;
    }

    /** Deliverable 2: each matrix applied, the keys it decided and the seed sections it follows. */
    private static List<Map<String, Object>> patterns(DecisionRecord record) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> sources = new LinkedHashMap<>();
        for (RecordedDecision d : record.decisions().values()) {
            keys.computeIfAbsent(d.matrix(), m -> new ArrayList<>()).add(d.key());
            sources.computeIfAbsent(d.matrix(), m -> new java.util.LinkedHashSet<>()).add(d.source());
        }
        List<Map<String, Object>> patterns = new ArrayList<>();
        keys.forEach((matrix, decided) -> patterns.add(Map.of(
                "matrix", matrix, "keys", String.join(", ", decided), "sources", List.copyOf(sources.get(matrix)))));
        return patterns;
    }

    /** How the rationale names the authentication capabilities of the research (001 Step 0). */
    private static final Map<String, String> CAPABILITY_LABELS = Map.of(
            "nativeOidc", "Native OIDC/OAuth2 support",
            "trustedHeader", "Trusted header auth (auth proxy)",
            "canDisableAuth", "Built-in auth can be disabled",
            "perUserAuthorization", "Multi-user authorization needed",
            "apiKey", "API key support");

    private static String yesNo(Boolean value) {
        return value == null ? "unknown" : value ? "yes" : "no";
    }

    private static Map<String, Object> research(DecisionRecord record) {
        Map<String, Object> research = new LinkedHashMap<>();
        research.put("packageName", record.research().packageName());
        research.put("stableVersion", record.research().stableVersion());
        research.put("unstableVersion", record.research().unstableVersion());
        research.put("nativeModule", yesNo(record.research().nativeModule()));
        research.put("deployment", record.decision("deployment").map(d -> text(d.value())).orElse("undecided"));
        research.put("packageSource", record.decision("packageSource").map(d -> text(d.value())).orElse("undecided"));
        research.put("reasoning", record.decision("deployment").map(d -> String.join("; ", d.because())).orElse("Step 0 research is incomplete"));
        List<Map<String, Object>> auth = new ArrayList<>();
        record.research().authentication().forEach((k, v) -> auth.add(Map.of("name", CAPABILITY_LABELS.getOrDefault(k, k), "answer", yesNo(v))));
        research.put("authentication", auth);
        research.put("auth", record.decision("auth").map(d -> text(d.value())).orElse("undecided"));
        research.put("authReasoning", record.decision("auth").map(d -> String.join("; ", d.because())).orElse("not decided yet"));
        return research;
    }

    private static void present(Map<String, Object> view, String key, List<?> items) {
        if (!items.isEmpty()) {
            view.put(key, items);
        }
    }

    /** A value as a person reads it: a list as its items, a map in YAML's flow style. */
    public static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(RationaleView::text).toList());
        }
        if (value instanceof java.util.Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + text(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "{ ", " }"));
        }
        return String.valueOf(value);
    }
}
