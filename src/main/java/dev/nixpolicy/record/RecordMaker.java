package dev.nixpolicy.record;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.PolicyEngine;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;

/** The pipeline from loaded facts to the record: run the rules over a service and its host, assemble. */
public final class RecordMaker {
    private final PolicyEngine engine;

    public RecordMaker(PolicyEngine engine) {
        this.engine = engine;
    }

    public DecisionRecord decide(ServiceFacts facts, HostFacts host, String factsFile) throws BadRulesException {
        return OpenQuestions.settle(engine, facts, host, factsFile);
    }
}
