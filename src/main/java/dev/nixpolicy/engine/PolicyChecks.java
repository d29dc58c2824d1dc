package dev.nixpolicy.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;

/**
 * Checks a compiled rule set for what every rule must carry: matrix, row, source and decides
 * metadata (so the rationale can quote it and {@code explain} can find it), an agenda group
 * naming one of the {@link Stages}, and fact paths and observation codes that can match
 * ({@link RuleVocabulary}).
 */
final class PolicyChecks {
    private PolicyChecks() {}

    static void requireWellFormed(CompiledPolicy policy, List<Path> files) throws BadRulesException {
        List<String> problems = new ArrayList<>();
        List<Rule> rules = policy.kieBase().getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .sorted(java.util.Comparator.comparing(Rule::getName))
                .toList();
        for (Rule rule : rules) {
            RuleInfo info = RuleInfo.of(rule);
            // Located only for a message: reading every file for each of hundreds of rules took a
            // fifth of a first run after an edit.
            if (!info.isTraceable()) {
                problems.add(locate(files, rule.getName()) + ": rule \"" + rule.getName()
                        + "\" must carry @matrix, @row and @source metadata naming the seed policy it encodes, and @decides"
                        + " naming the decision keys it decides or helps decide (\"none\" for none)");
            }
            String group = rule instanceof RuleImpl impl ? impl.getAgendaGroup() : null;
            if (group == null || !Stages.isKnown(group)) {
                problems.add(locate(files, rule.getName()) + ": rule \"" + rule.getName() + "\" is in agenda group \"" + group
                        + "\"; every rule belongs to one of " + Stages.ORDER + " (or \"" + Stages.OVERRIDE + "\")");
            }
        }
        problems.addAll(RuleVocabulary.problems(files));
        if (!problems.isEmpty()) {
            throw new BadRulesException(problems);
        }
    }

    private static String locate(List<Path> files, String ruleName) {
        for (Path file : files) {
            int line = LineOfRule.find(file, ruleName);
            if (line > 0) {
                return file + ":" + line;
            }
        }
        return "rules";
    }
}
