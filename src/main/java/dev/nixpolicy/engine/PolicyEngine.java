package dev.nixpolicy.engine;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs a compiled policy over one service's facts: inserts them, passes through the
 * {@link Stages} in order, and returns what the rules inserted with its provenance.
 */
public final class PolicyEngine {
    /** A policy that needs more firings than this for one service is looping. */
    static final int MAX_FIRINGS = 100_000;

    private final CompiledPolicy policy;
    private final Set<String> disabledRules;

    public PolicyEngine(CompiledPolicy policy) {
        this(policy, Set.of());
    }

    private PolicyEngine(CompiledPolicy policy, Set<String> disabledRules) {
        this.policy = policy;
        this.disabledRules = Set.copyOf(disabledRules);
    }

    /** The same policy with the named rules never firing: how a matrix case shows what a rule guards against. */
    public PolicyEngine without(Set<String> rules) {
        return new PolicyEngine(policy, rules);
    }

    public CompiledPolicy policy() { return policy; }

    public EngineRun run(Collection<?> facts) throws BadRulesException {
        KieSession session = policy.kieBase().newKieSession();
        try {
            FiringRecorder recorder = new FiringRecorder();
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            facts.forEach(session::insert);
            List<String> stages = Stages.ORDER;
            for (int i = stages.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(stages.get(i)).setFocus();
            }
            int fired = disabledRules.isEmpty() ? session.fireAllRules(MAX_FIRINGS)
                    : session.fireAllRules(match -> !disabledRules.contains(match.getRule().getName()), MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new BadRulesException("rules: " + MAX_FIRINGS + " firings for one service without settling;"
                        + " a rule keeps re-activating itself (last rules fired: " + recorder.fired() + ")");
            }
            DecisionChecks.requireLawful(recorder.inserted());
            return new EngineRun(recorder.inserted(), recorder.fired());
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BadRulesException("rule \"" + e.getMatch().getRule().getName() + "\" failed while firing: "
                    + cause);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new BadRulesException("rules: a rule failed while firing: " + e.getMessage());
        } finally {
            session.dispose();
        }
    }
}
