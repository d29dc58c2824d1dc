package dev.nixpolicy.record;

import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.Decision;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.engine.Finding;
import dev.nixpolicy.engine.FollowUp;
import dev.nixpolicy.engine.Provenance;
import dev.nixpolicy.engine.Question;
import dev.nixpolicy.engine.RuleInfo;
import dev.nixpolicy.engine.Traced;
import dev.nixpolicy.facts.DecisionKey;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the engine inserted into a {@link DecisionRecord}. It decides and checks
 * nothing (the engine has refused unlawful decisions): it records each decision with its
 * rule and evidence, lets an override stand over a rule's decision, and orders the rest.
 */
public final class RecordAssembler {
    private RecordAssembler() {}

    public static DecisionRecord assemble(ServiceFacts facts, HostFacts host, String factsFile,
                                          CompiledPolicy policy, EngineRun run) {
        Map<String, RecordedDecision> byKey = new HashMap<>();
        Map<String, Traced<Object>> madeBy = new HashMap<>();
        Map<String, Traced<Object>> supersededBy = new HashMap<>();
        List<RecordedFinding> findings = new ArrayList<>();
        List<RecordedQuestion> questions = new ArrayList<>();
        List<RecordedFollowUp> followUps = new ArrayList<>();
        // Duplicates are told apart by their fields as lists: a record's own equals is bootstrapped
        // through method handles on first use, which costs a cold single run milliseconds.
        Set<List<String>> seenFindings = new HashSet<>();
        Set<List<String>> seenFollowUps = new HashSet<>();

        for (Traced<Object> traced : run.inserted()) {
            Provenance from = traced.provenance();
            RuleInfo rule = from.rule();
            if (traced.value() instanceof Decision d) {
                // PolicyEngine has refused runs whose decisions the rules could not lawfully make.
                Traced<Object> earlier = madeBy.get(d.getKey());
                if (d.isOverride()) {
                    madeBy.put(d.getKey(), traced);
                    byKey.put(d.getKey(), new RecordedDecision(d.getKey(), d.getValue(), "override", rule.matrix(),
                            rule.row(), from.because(), rule.source(), d.getOverrideReason(), null, null));
                } else if (earlier != null && ((Decision) earlier.value()).isOverride()) {
                    supersededBy.putIfAbsent(d.getKey(), traced);
                } else if (earlier == null) {
                    madeBy.put(d.getKey(), traced);
                    byKey.put(d.getKey(), new RecordedDecision(d.getKey(), d.getValue(), rule.name(), rule.matrix(),
                            rule.row(), from.because(), rule.source(), null, null, null));
                }
            } else if (traced.value() instanceof Finding f) {
                RecordedFinding finding = new RecordedFinding(f.getSeverity().spelling(), f.getCode(), f.getMessage(),
                        f.getBlocks(), rule.name(), rule.source(), from.factPaths());
                if (seenFindings.add(Arrays.asList(finding.severity(), finding.code(), finding.message(),
                        finding.blocks(), finding.rule(), finding.source()))) {
                    findings.add(finding);
                }
            } else if (traced.value() instanceof Question q) {
                if (questions.stream().noneMatch(existing -> existing.about().equals(q.getAbout()))) {
                    questions.add(new RecordedQuestion(q.getAbout(), q.getQuestion(), rule.name(), q.getBlocks()));
                }
            } else if (traced.value() instanceof FollowUp f) {
                RecordedFollowUp item = new RecordedFollowUp(f.getSection().spelling(), f.getText());
                if (seenFollowUps.add(Arrays.asList(item.section(), item.text()))) {
                    followUps.add(item);
                }
            }
        }
        supersededBy.forEach((key, traced) -> byKey.put(key, byKey.get(key).supersededPolicy(
                ((Decision) traced.value()).getValue(), traced.provenance().rule().name())));

        String displayName = facts.displayName() != null ? facts.displayName() : titleCase(facts.service().value());
        DecisionRecord unordered = new DecisionRecord(DecisionRecord.API_VERSION, facts.service().value(), displayName,
                facts.description(), host.host().value(), factsFile,
                new PolicyRef(policy.digest(), policy.rulesDir()), Research.of(facts),
                byKey, findings, questions, followUps);
        return ordered(unordered, byKey, findings, questions, followUps);
    }

    /** The record with these decisions, findings, questions and follow-ups, each in the record's order. */
    static DecisionRecord ordered(DecisionRecord record, Map<String, RecordedDecision> byKey, List<RecordedFinding> findings,
                                  List<RecordedQuestion> questions, List<RecordedFollowUp> followUps) {
        Map<String, RecordedDecision> ordered = new LinkedHashMap<>();
        for (DecisionKey key : DecisionKey.values()) {
            if (byKey.containsKey(key.key())) {
                ordered.put(key.key(), byKey.get(key.key()));
            }
        }
        findings = new ArrayList<>(findings);
        questions = new ArrayList<>(questions);
        followUps = new ArrayList<>(followUps);
        findings.sort(Comparator.comparing((RecordedFinding f) -> severityRank(f.severity()))
                .thenComparing(RecordedFinding::code).thenComparing(RecordedFinding::message));
        questions.sort(Comparator.comparing(RecordedQuestion::about));
        followUps.sort(Comparator.comparing((RecordedFollowUp f) -> sectionRank(f.section()))
                .thenComparing(RecordedFollowUp::text));
        return new DecisionRecord(record.apiVersion(), record.service(), record.displayName(), record.description(),
                record.host(), record.factsFile(), record.policy(), record.research(),
                ordered, findings, questions, followUps);
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "error" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    private static int sectionRank(String section) {
        return dev.nixpolicy.engine.FollowUpSection.bySpelling(section).ordinal();
    }

    /** "paperless-ai" reads "Paperless Ai": the facts-v1 default when displayName is left out. */
    static String titleCase(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.split("-")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
