package dev.nixpolicy.record;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.engine.PolicyEngine;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.EngineFacts;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import java.nio.file.Path;

/** The pipeline up to the record: load a facts file, run the rules over it with the host, assemble. */
public final class RecordMaker {
    private final FactsLoader loader;
    private final PolicyEngine engine;

    public RecordMaker(FactsLoader loader, PolicyEngine engine) {
        this.loader = loader;
        this.engine = engine;
    }

    public DecisionRecord decide(Path factsFile, HostFacts host) throws BadInputException, BadRulesException {
        ServiceFacts facts = loader.loadService(factsFile);
        return decide(facts, host, factsFile.toString());
    }

    public DecisionRecord decide(ServiceFacts facts, HostFacts host, String factsFile) throws BadRulesException {
        EngineRun run = engine.run(EngineFacts.of(facts, host));
        return RecordAssembler.assemble(facts, host, factsFile, engine.policy(), run);
    }
}
