package dev.nixpolicy.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.Decision;
import dev.nixpolicy.engine.RuleInfo;
import dev.nixpolicy.engine.Traced;
import dev.nixpolicy.testing.Project;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rule-quality gate, judged by running every matrix case and example: every rule is
 * traceable, every rule fires somewhere, and no two rules ever decide one key differently
 * for the same facts (the losing rows of a priority order never fire, by activation group).
 */
class RuleQualityTest {
    private final CompiledPolicy policy = Project.shippedPolicy();

    /** Loading already refuses a rule without @matrix, @row and @source; this checks what @source says. */
    @Test
    void everySourceNamesASeedAndItsSection() {
        List<String> unsourced = policy.rules().stream().filter(r -> !r.source().matches("^00[01] .*")).map(RuleInfo::name).toList();
        assertTrue(unsourced.isEmpty(), "every @source names a seed (000 or 001) and its section: " + unsourced);
    }

    /** Loading refuses a rule without @decides, and a run one that decides a key it does not name; this checks the names. */
    @Test
    void everyDecidesNamesDecisionKeys() {
        List<String> wrong = new ArrayList<>();
        for (RuleInfo rule : policy.rules()) {
            boolean alone = rule.decides().size() == 1;
            for (String key : rule.decides()) {
                boolean known = dev.nixpolicy.facts.DecisionKey.byKey(key).isPresent()
                        || (alone && (key.equals(RuleInfo.NO_KEY) || key.equals(RuleInfo.ANY_KEY)));
                if (!known) {
                    wrong.add(rule.name() + ": " + key);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "@decides names that are not decision keys (or none/any alone): " + wrong);
    }

    @Test
    void everyRuleFiresInSomeCaseOrExample() throws Exception {
        Set<String> fired = new TreeSet<>();
        CaseRuns.all(policy).forEach(run -> fired.addAll(run.run().firedRules()));
        List<String> dead = policy.rules().stream().map(RuleInfo::name).filter(r -> !fired.contains(r)).toList();
        assertTrue(dead.isEmpty(), "rules that no case or example fires (add a case to rules/*.cases.yaml): " + dead);
    }

    @Test
    void noTwoRulesDecideOneKeyDifferently() throws Exception {
        List<String> conflicts = new ArrayList<>();
        for (CaseRuns.CaseRun run : CaseRuns.all(policy)) {
            Map<String, Traced<Object>> first = new HashMap<>();
            for (Traced<Object> traced : run.run().inserted()) {
                if (traced.value() instanceof Decision d && !d.isOverride()) {
                    Traced<Object> earlier = first.putIfAbsent(d.getKey(), traced);
                    if (earlier != null && !((Decision) earlier.value()).getValue().equals(d.getValue())) {
                        conflicts.add(run.name() + ": " + d.getKey() + " by \"" + earlier.provenance().rule().name()
                                + "\" and \"" + traced.provenance().rule().name() + "\"");
                    }
                }
            }
        }
        assertTrue(conflicts.isEmpty(), "rules deciding one key differently: " + conflicts);
    }
}
