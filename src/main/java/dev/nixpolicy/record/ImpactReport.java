package dev.nixpolicy.record;

import dev.nixpolicy.facts.DecisionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What changes between the records of the same services under two rule sets. */
public final class ImpactReport {
    private final Map<String, List<String>> changes;
    private final int services;

    private ImpactReport(Map<String, List<String>> changes, int services) {
        this.changes = changes;
        this.services = services;
    }

    public static ImpactReport compare(List<DecisionRecord> before, List<DecisionRecord> after) {
        Map<String, DecisionRecord> old = new LinkedHashMap<>();
        before.forEach(r -> old.put(r.service(), r));
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (DecisionRecord now : after) {
            DecisionRecord was = old.get(now.service());
            List<String> lines = new ArrayList<>();
            Set<String> keys = new LinkedHashSet<>(was.decisions().keySet());
            keys.addAll(now.decisions().keySet());
            for (DecisionKey key : DecisionKey.values()) {
                if (!keys.contains(key.key())) {
                    continue;
                }
                RecordedDecision a = was.decisions().get(key.key());
                RecordedDecision b = now.decisions().get(key.key());
                if (a != null && b != null && a.value().equals(b.value())) {
                    continue;
                }
                lines.add(key.key() + ": " + (a == null ? "(undecided)" : a.value()) + " -> "
                        + (b == null ? "(undecided)" : b.value())
                        + (b != null ? " (rule \"" + b.rule() + "\")" : " (was rule \"" + a.rule() + "\")"));
            }
            for (RecordedFinding f : now.findings()) {
                if (!was.findings().contains(f)) {
                    lines.add("finding added: " + f.severity() + " " + f.code() + " (rule \"" + f.rule() + "\")");
                }
            }
            for (RecordedFinding f : was.findings()) {
                if (!now.findings().contains(f)) {
                    lines.add("finding gone: " + f.severity() + " " + f.code() + " (was rule \"" + f.rule() + "\")");
                }
            }
            if (!lines.isEmpty()) {
                changes.put(now.service(), lines);
            }
        }
        return new ImpactReport(changes, after.size());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, List<String>> service : changes.entrySet()) {
            out.append(service.getKey()).append(":\n");
            for (String line : service.getValue()) {
                out.append("  ").append(line).append('\n');
                count++;
            }
        }
        out.append("impact: ").append(changes.size()).append(" of ").append(services).append(" service(s) change, ")
                .append(count).append(" change(s) in all\n");
        return out.toString();
    }
}
