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

/** The record as the ordered tree of decision-record-v1, for JSON and YAML output. */
public final class RecordTree {
    private RecordTree() {}

    public static Map<String, Object> of(DecisionRecord record) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", record.apiVersion());
        root.put("service", record.service());
        root.put("displayName", record.displayName());
        root.put("description", record.description());
        root.put("host", record.host());
        root.put("facts", record.factsFile());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("digest", record.policy().digest());
        policy.put("rulesDir", record.policy().rulesDir());
        root.put("policy", policy);
        Map<String, Object> research = new LinkedHashMap<>();
        research.put("packageName", record.research().packageName());
        research.put("stableVersion", record.research().stableVersion());
        research.put("unstableVersion", record.research().unstableVersion());
        research.put("nativeModule", record.research().nativeModule());
        research.put("authentication", record.research().authentication());
        root.put("research", research);
        Map<String, Object> decisions = new LinkedHashMap<>();
        for (RecordedDecision d : record.decisions().values()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("value", d.value());
            node.put("rule", d.rule());
            node.put("matrix", d.matrix());
            node.put("row", d.row());
            node.put("because", d.because());
            node.put("source", d.source());
            if (d.isOverride()) {
                node.put("reason", d.reason());
                if (d.policyRule() != null) {
                    node.put("policyValue", d.policyValue());
                    node.put("policyRule", d.policyRule());
                }
            }
            decisions.put(d.key(), node);
        }
        root.put("decisions", decisions);
        List<Object> findings = new ArrayList<>();
        for (RecordedFinding f : record.findings()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("severity", f.severity());
            node.put("code", f.code());
            node.put("message", f.message());
            if (f.blocks() != null) {
                node.put("blocks", f.blocks());
            }
            node.put("rule", f.rule());
            node.put("source", f.source());
            findings.add(node);
        }
        root.put("findings", findings);
        List<Object> questions = new ArrayList<>();
        for (RecordedQuestion q : record.questions()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("about", q.about());
            node.put("question", q.question());
            if (!q.blocks().isEmpty()) {
                node.put("blocks", q.blocks());
            }
            node.put("rule", q.rule());
            questions.add(node);
        }
        root.put("questions", questions);
        root.put("followUps", record.followUps().stream().map(RecordedFollowUp::text).toList());
        return root;
    }
}
