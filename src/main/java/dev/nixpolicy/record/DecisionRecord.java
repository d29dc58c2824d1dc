package dev.nixpolicy.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the rules decided for one service (decision-record-v1). All output is rendered
 * from this alone.
 */
public record DecisionRecord(
        String apiVersion,
        String service,
        String displayName,
        String description,
        String host,
        String factsFile,
        PolicyRef policy,
        Research research,
        Map<String, RecordedDecision> decisions,
        List<RecordedFinding> findings,
        List<RecordedQuestion> questions,
        List<RecordedFollowUp> followUps) {

    public static final String API_VERSION = "nixpolicy/v1";

    public DecisionRecord {
        decisions = Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
        findings = List.copyOf(findings);
        questions = List.copyOf(questions);
        followUps = List.copyOf(followUps);
    }

    public Optional<RecordedDecision> decision(String key) {
        return Optional.ofNullable(decisions.get(key));
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity().equals("error"));
    }

    /** Whether generate may write files for it: no error finding, and no open question keeps a decision undecided. */
    public boolean isGeneratable() {
        return !hasErrors() && questions.stream().allMatch(q -> q.blocks().isEmpty());
    }
}
