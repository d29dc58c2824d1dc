package dev.nixpolicy.engine;

import java.util.Comparator;
import java.util.List;
import org.kie.api.KieBase;

/**
 * A rule set ready to run: the KieBase, the digest of the rule files it was built from, where
 * they came from, and every rule with its metadata.
 */
public record CompiledPolicy(KieBase kieBase, String digest, String rulesDir, List<RuleInfo> rules) {

    public static CompiledPolicy of(KieBase kieBase, String digest, String rulesDir) {
        List<RuleInfo> rules = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .map(RuleInfo::of)
                .sorted(Comparator.comparing(RuleInfo::name))
                .toList();
        return new CompiledPolicy(kieBase, digest, rulesDir, rules);
    }
}
