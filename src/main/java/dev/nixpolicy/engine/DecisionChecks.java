package dev.nixpolicy.engine;

import dev.nixpolicy.facts.DecisionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's decisions say about the rules that made them: a rule that decides a key the
 * decision record does not have, a value the key cannot take, a key its {@code @decides} does
 * not name, or two rules deciding one key differently (an override aside) is bad rules.
 */
final class DecisionChecks {
    private DecisionChecks() {}

    static void requireLawful(List<Traced<Object>> inserted) throws BadRulesException {
        List<String> problems = new ArrayList<>();
        Map<String, Traced<Object>> madeBy = new HashMap<>();
        for (Traced<Object> traced : inserted) {
            if (!(traced.value() instanceof Decision d)) {
                continue;
            }
            RuleInfo rule = traced.provenance().rule();
            String where = "rule \"" + rule.name() + "\" ";
            Optional<DecisionKey> key = DecisionKey.byKey(d.getKey());
            if (key.isEmpty()) {
                problems.add(where + "decides \"" + d.getKey() + "\", which is not a decision key");
                continue;
            }
            Optional<String> bad = key.get().problemWith(d.getValue());
            if (bad.isPresent()) {
                problems.add(where + "decides " + bad.get());
                continue;
            }
            if (!rule.mayDecide(d.getKey())) {
                problems.add(where + "decides " + d.getKey() + ", which its @decides(\"" + String.join(" ", rule.decides())
                        + "\") does not name; name every key the rule decides");
                continue;
            }
            Traced<Object> earlier = madeBy.get(d.getKey());
            Decision first = earlier == null ? null : (Decision) earlier.value();
            if (d.isOverride() || earlier == null) {
                madeBy.put(d.getKey(), traced);
            } else if (!first.isOverride() && !first.getValue().equals(d.getValue())) {
                problems.add("rules \"" + earlier.provenance().rule().name() + "\" and \"" + rule.name()
                        + "\" both decide " + d.getKey() + ": " + first.getValue() + " versus " + d.getValue()
                        + " (conflicting rules; make one of them not apply)");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadRulesException(problems);
        }
    }
}
