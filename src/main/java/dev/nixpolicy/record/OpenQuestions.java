package dev.nixpolicy.record;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.engine.Finding;
import dev.nixpolicy.engine.PolicyEngine;
import dev.nixpolicy.facts.DecisionKey;
import dev.nixpolicy.facts.EngineFacts;
import dev.nixpolicy.facts.Fact;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.facts.Unknown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps a record's open questions to those whose answer can change a decision, and decides
 * what every answer agrees on. The service is decided again under each possible answer to an
 * open question (yes/no and enumerated facts), answering further questions those runs raise,
 * so that no matrix needs guards of its own: a key that comes out the same under every answer
 * is decided, a question no answer of which changes the record is dropped, and a key that
 * stays undecided only because of a question is reported with that question rather than as a
 * policy gap.
 */
public final class OpenQuestions {
    /** Decisions of one service under more combinations of answers than this are not explored. */
    static final int MAX_RUNS = 96;

    private record Outcome(Map<String, Object> assumed, DecisionRecord record) {}

    private final PolicyEngine engine;
    private final ServiceFacts facts;
    private final HostFacts host;
    private final String factsFile;
    private final List<Outcome> outcomes = new ArrayList<>();
    private int runs;
    private boolean complete = true;

    private OpenQuestions(PolicyEngine engine, ServiceFacts facts, HostFacts host, String factsFile) {
        this.engine = engine;
        this.facts = facts;
        this.host = host;
        this.factsFile = factsFile;
    }

    public static DecisionRecord settle(PolicyEngine engine, ServiceFacts facts, HostFacts host, String factsFile)
            throws BadRulesException {
        List<Object> known = EngineFacts.of(facts, host);
        EngineRun first = engine.run(known);
        DecisionRecord record = RecordAssembler.assemble(facts, host, factsFile, engine.policy(), first);
        OpenQuestions exploration = new OpenQuestions(engine, facts, host, factsFile);
        if (exploration.answerable(record, known, Map.of()).isEmpty()) {
            return record;
        }
        exploration.explore(known, Map.of(), record);
        return exploration.complete ? exploration.settled(record) : exploration.eachAlone(known, record);
    }

    /**
     * When answering every combination would take too many runs, a question blocks the keys its
     * answers change while one other question is answered with it, the rest left unknown. No
     * question is dropped and nothing is decided by agreement, since this cannot show that the
     * questions left unknown do not matter.
     */
    private DecisionRecord eachAlone(List<Object> known, DecisionRecord first) throws BadRulesException {
        List<String> open = answerable(first, known, Map.of());
        // Every pair of open questions answered together, the others left unknown: enough to
        // see a question that decides a key only jointly with another (OIDC support and
        // per-user authorization decide auth together).
        outcomes.clear();
        for (int i = 0; i < open.size(); i++) {
            for (int j = open.size() == 1 ? i : i + 1; j < open.size(); j++) {
                for (Object x : EngineFacts.possibleAnswers(open.get(i))) {
                    for (Object y : i == j ? List.of(x) : EngineFacts.possibleAnswers(open.get(j))) {
                        List<Object> answered = answer(answer(known, open.get(i), x), open.get(j), y);
                        Map<String, Object> assumed = new LinkedHashMap<>();
                        assumed.put(open.get(i), x);
                        assumed.put(open.get(j), y);
                        outcomes.add(new Outcome(assumed, RecordAssembler.assemble(facts, host, factsFile, engine.policy(),
                                engine.run(answered))));
                    }
                }
            }
        }
        List<RecordedQuestion> questions = new ArrayList<>();
        Set<String> blockedByQuestions = new TreeSet<>();
        for (RecordedQuestion question : first.questions()) {
            if (!open.contains(question.about())) {
                questions.add(question);
                blockedByQuestions.addAll(question.blocks());
                continue;
            }
            Set<String> blocks = keysChangedBy(question.about(), true);
            blocks.removeIf(first.decisions()::containsKey);
            questions.add(question.blocking(List.copyOf(blocks)));
            blockedByQuestions.addAll(blocks);
        }
        List<RecordedFinding> findings = withoutGapsIn(first.findings(), blockedByQuestions);
        return RecordAssembler.ordered(first, first.decisions(), findings, questions, first.followUps());
    }

    /** The findings but the policy gaps on {@code keys}: decided after all, or waiting on a question. */
    private static List<RecordedFinding> withoutGapsIn(List<RecordedFinding> findings, Set<String> keys) {
        List<RecordedFinding> kept = new ArrayList<>();
        for (RecordedFinding finding : findings) {
            if (!(Finding.POLICY_GAP.equals(finding.code()) && finding.blocks() != null && keys.contains(finding.blocks()))) {
                kept.add(finding);
            }
        }
        return kept;
    }

    private static List<Object> answer(List<Object> working, String path, Object answer) {
        List<Object> answered = new ArrayList<>(working.size());
        for (Object fact : working) {
            answered.add(fact instanceof Unknown unknown && unknown.getPath().equals(path) ? Fact.assumed(path, answer) : fact);
        }
        return answered;
    }

    private void explore(List<Object> working, Map<String, Object> assumed, DecisionRecord record)
            throws BadRulesException {
        List<String> open = answerable(record, working, assumed);
        if (open.isEmpty()) {
            outcomes.add(new Outcome(assumed, record));
            return;
        }
        String path = open.get(0);
        List<Object> answers = EngineFacts.possibleAnswers(path);
        if (runs + answers.size() > MAX_RUNS) {
            complete = false;
            outcomes.add(new Outcome(assumed, record));
            return;
        }
        for (Object answer : answers) {
            List<Object> answered = answer(working, path, answer);
            Map<String, Object> more = new LinkedHashMap<>(assumed);
            more.put(path, answer);
            runs++;
            EngineRun run = engine.run(answered);
            explore(answered, more, RecordAssembler.assemble(facts, host, factsFile, engine.policy(), run));
        }
    }

    /** The open questions of a run whose possible answers can be listed, in path order. */
    private List<String> answerable(DecisionRecord record, List<Object> working, Map<String, Object> assumed) {
        Set<String> unknown = new java.util.HashSet<>();
        for (Object fact : working) {
            if (fact instanceof Unknown u) {
                unknown.add(u.getPath());
            }
        }
        Set<String> open = new TreeSet<>();
        for (RecordedQuestion question : record.questions()) {
            String path = question.about();
            if (unknown.contains(path) && !assumed.containsKey(path) && !EngineFacts.possibleAnswers(path).isEmpty()) {
                open.add(path);
            }
        }
        return new ArrayList<>(open);
    }

    private DecisionRecord settled(DecisionRecord first) {
        Map<String, RecordedDecision> decisions = new LinkedHashMap<>(first.decisions());
        Set<String> explored = new TreeSet<>();
        outcomes.forEach(o -> explored.addAll(o.assumed().keySet()));
        if (complete) {
            Map<String, RecordedDecision> agreed = new LinkedHashMap<>();
            for (String key : DecisionKey.keys()) {
                if (!decisions.containsKey(key)) {
                    agreed(key, explored).ifPresent(d -> agreed.put(key, d));
                }
            }
            decisions.putAll(agreed);
            // An outcome's decision that the final record leaves open was one answer's, not evidence.
            agreed.forEach((key, d) -> decisions.put(key, withoutEvidenceOfOpenKeys(d, decisions)));
        }
        List<RecordedQuestion> questions = new ArrayList<>();
        Set<String> blockedByQuestions = new TreeSet<>();
        for (RecordedQuestion question : first.questions()) {
            if (!complete || !explored.contains(question.about())) {
                questions.add(question);
                blockedByQuestions.addAll(question.blocks());
                continue;
            }
            Set<String> blocks = keysChangedBy(question.about(), false);
            blocks.removeIf(decisions::containsKey);
            if (!blocks.isEmpty()) {
                questions.add(question.blocking(List.copyOf(blocks)));
                blockedByQuestions.addAll(blocks);
            }
        }
        Set<String> settledKeys = new TreeSet<>(blockedByQuestions);
        settledKeys.addAll(decisions.keySet());
        List<RecordedFinding> findings = withoutGapsIn(first.findings(), settledKeys);
        List<RecordedFollowUp> followUps = new ArrayList<>(first.followUps());
        if (complete) {
            commonToEveryOutcome(o -> o.record().findings()).stream()
                    .filter(f -> !findings.contains(f) && !(Finding.POLICY_GAP.equals(f.code()) && decisions.containsKey(f.blocks())))
                    .forEach(findings::add);
            commonToEveryOutcome(o -> o.record().followUps()).stream()
                    .filter(f -> !followUps.contains(f)).forEach(followUps::add);
        }
        return RecordAssembler.ordered(first, decisions, findings, questions, followUps);
    }

    /** The decision every outcome makes for {@code key} with one value, with the unknowns it did not depend on. */
    private java.util.Optional<RecordedDecision> agreed(String key, Set<String> explored) {
        RecordedDecision made = null;
        for (Outcome outcome : outcomes) {
            RecordedDecision decision = outcome.record().decisions().get(key);
            if (decision == null || decision.isOverride() || made != null && !Objects.equals(made.value(), decision.value())) {
                return java.util.Optional.empty();
            }
            if (made == null) {
                made = decision;
            }
        }
        List<String> because = new ArrayList<>();
        for (String evidence : made.because()) {
            if (!evidence.startsWith(Fact.ASSUMING)) {
                because.add(evidence);
            }
        }
        because.add("the same whatever " + String.join(", ", explored) + " turn out to be (unknown; every answer gives this value)");
        return java.util.Optional.of(new RecordedDecision(key, made.value(), made.rule(), made.matrix(), made.row(),
                because, made.source(), null, null, null));
    }

    private static RecordedDecision withoutEvidenceOfOpenKeys(RecordedDecision d, Map<String, RecordedDecision> decisions) {
        List<String> because = new ArrayList<>();
        for (String evidence : d.because()) {
            boolean fromOpenKey = decisions.keySet().stream().noneMatch(k -> evidence.equals("decided " + k + " = "
                    + decisions.get(k).value())) && evidence.startsWith("decided ");
            if (!fromOpenKey) {
                because.add(evidence);
            }
        }
        return new RecordedDecision(d.key(), d.value(), d.rule(), d.matrix(), d.row(), because, d.source(), null, null, null);
    }

    /**
     * The keys whose value differs between two outcomes that answer {@code path} differently
     * and every other question they both answer alike; with {@code sameQuestions}, only outcomes
     * that answered the same questions (a partial exploration leaves some deeper than others).
     */
    private Set<String> keysChangedBy(String path, boolean sameQuestions) {
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            for (int j = i + 1; j < outcomes.size(); j++) {
                Outcome a = outcomes.get(i);
                Outcome b = outcomes.get(j);
                if (differOnlyIn(path, a.assumed(), b.assumed())
                        && (!sameQuestions || a.assumed().keySet().equals(b.assumed().keySet()))) {
                    for (String key : DecisionKey.keys()) {
                        RecordedDecision x = a.record().decisions().get(key);
                        RecordedDecision y = b.record().decisions().get(key);
                        if (!Objects.equals(x == null ? null : x.value(), y == null ? null : y.value())) {
                            keys.add(key);
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static boolean differOnlyIn(String path, Map<String, Object> a, Map<String, Object> b) {
        if (!a.containsKey(path) || !b.containsKey(path) || Objects.equals(a.get(path), b.get(path))) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!entry.getKey().equals(path) && b.containsKey(entry.getKey())
                    && !Objects.equals(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private <T> List<T> commonToEveryOutcome(java.util.function.Function<Outcome, List<T>> items) {
        Set<T> common = new LinkedHashSet<>(items.apply(outcomes.get(0)));
        for (Outcome outcome : outcomes.subList(1, outcomes.size())) {
            common.retainAll(new java.util.HashSet<>(items.apply(outcome)));
        }
        return new ArrayList<>(common);
    }
}
