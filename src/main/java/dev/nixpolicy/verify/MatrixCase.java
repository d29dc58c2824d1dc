package dev.nixpolicy.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One row case of a decision matrix, kept as data beside the rules ({@code rules/<matrix>.cases.yaml}):
 * a facts fragment merged over the rules folder's {@code case-baseline.yaml} (and optionally a
 * host fragment over the host file), and what the run must show. {@code rules} names, per
 * key, the rule that must decide it; {@code withoutRules} names rules that must not fire in
 * this case, to show what a safety-net rule does when the rule it backs is missing.
 */
public record MatrixCase(
        @JsonProperty(required = true) String name,
        Map<String, Object> facts,
        List<String> unset,
        Map<String, Object> host,
        Map<String, Object> decisions,
        Map<String, String> rules,
        List<String> undecided,
        List<String> findings,
        List<String> absentFindings,
        List<String> questions,
        List<String> absentQuestions,
        List<String> followUps,
        List<String> absentFollowUps,
        List<String> withoutRules) {

    public MatrixCase {
        facts = facts == null ? Map.of() : facts;
        unset = unset == null ? List.of() : unset;
        host = host == null ? Map.of() : host;
        decisions = decisions == null ? Map.of() : decisions;
        rules = rules == null ? Map.of() : rules;
        undecided = undecided == null ? List.of() : undecided;
        findings = findings == null ? List.of() : findings;
        absentFindings = absentFindings == null ? List.of() : absentFindings;
        questions = questions == null ? List.of() : questions;
        absentQuestions = absentQuestions == null ? List.of() : absentQuestions;
        followUps = followUps == null ? List.of() : followUps;
        absentFollowUps = absentFollowUps == null ? List.of() : absentFollowUps;
        withoutRules = withoutRules == null ? List.of() : withoutRules;
    }

    public boolean expectsSomething() {
        return !decisions.isEmpty() || !rules.isEmpty() || !undecided.isEmpty() || !findings.isEmpty()
                || !absentFindings.isEmpty() || !questions.isEmpty() || !absentQuestions.isEmpty()
                || !followUps.isEmpty() || !absentFollowUps.isEmpty();
    }

    /** A file of cases for one rule file: its matrix (the rules' {@code @matrix}) and the DRL file beside it. */
    public record File(@JsonProperty(required = true) String matrix, @JsonProperty(required = true) String ruleFile,
                       @JsonProperty(required = true) List<MatrixCase> cases) {}
}
