package dev.nixpolicy.pipeline;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.engine.PolicyEngine;
import dev.nixpolicy.engine.RuleFolder;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.EngineFacts;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.OpenQuestions;
import dev.nixpolicy.render.GeneratedFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The whole pipeline, one step per method: read the facts, load the rules, decide, render.
 * Every command and every test goes through it; {@link BatchDecision} runs it over many services
 * (in parallel, with progress, with distinct UIDs and ports), {@link RulesLoading} starts step 2
 * early.
 */
public final class Pipeline {
    private final FactsLoader reader = new FactsLoader();
    private final PolicyEngine engine;

    public Pipeline(CompiledPolicy rules) {
        this(new PolicyEngine(rules));
    }

    private Pipeline(PolicyEngine engine) {
        this.engine = engine;
    }

    /** The same pipeline with the named rules never firing (a matrix case's {@code withoutRules}). */
    public Pipeline without(Set<String> rules) {
        return rules.isEmpty() ? this : new Pipeline(engine.without(rules));
    }

    /** The compiled rules this pipeline decides with. */
    public CompiledPolicy rules() {
        return engine.policy();
    }

    /** Step 1: the facts of one service; bad input names its file:line:column. */
    public ServiceFacts readService(Path file) throws BadInputException {
        return reader.loadService(file);
    }

    /** Step 1: the facts of the host the service is placed on. */
    public HostFacts readHost(Path file) throws BadInputException {
        return reader.loadHost(file);
    }

    /** Step 2: the rules of a folder: precompiled when shipped, else compiled once per content and cached. */
    public static CompiledPolicy loadRules(Path folder, String displayName, Consumer<String> notice) throws BadRulesException {
        return new RuleFolder(folder, displayName, notice).load();
    }

    /** Step 3: the decision record: the rules run over the service and its host, open questions settled. */
    public DecisionRecord decide(ServiceFacts service, HostFacts host, String factsFile) throws BadRulesException {
        return OpenQuestions.settle(engine, service, host, factsFile);
    }

    /** Step 3 without settling questions: the engine's own run, the rules that fired in order (for explain). */
    public EngineRun run(ServiceFacts service, HostFacts host) throws BadRulesException {
        return engine.run(EngineFacts.of(service, host));
    }

    /** Step 4: the files the record gives, by path relative to the configuration repository. */
    public static Map<String, String> render(DecisionRecord record, GeneratedFiles templates) {
        return templates.render(record);
    }
}
