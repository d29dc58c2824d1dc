package dev.nixpolicy.policy;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.testing.Project;
import dev.nixpolicy.verify.MatrixCases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every matrix case kept beside the rules and every shipped example, run through the policy. */
final class CaseRuns {
    record CaseRun(String name, EngineRun run, DecisionRecord record) {}

    private CaseRuns() {}

    /** The suite {@code nixpolicy test --cases} runs, on the shipped rules and example host. */
    static MatrixCases.Report suite(CompiledPolicy policy) throws BadInputException, BadRulesException {
        return new MatrixCases(Project.rules(), new Pipeline(policy), Project.defaultHostFile()).run();
    }

    static List<CaseRun> all(CompiledPolicy policy) throws BadInputException, BadRulesException {
        List<CaseRun> runs = new ArrayList<>();
        for (MatrixCases.Outcome outcome : suite(policy).outcomes()) {
            runs.add(new CaseRun(outcome.file().getFileName() + ": " + outcome.matrixCase().name(), outcome.run(), outcome.record()));
        }
        Pipeline pipeline = new Pipeline(policy);
        HostFacts host = Project.defaultHost();
        for (Path example : Project.examples()) {
            ServiceFacts facts = pipeline.readService(example);
            runs.add(new CaseRun(example.toString(), pipeline.run(facts, host), pipeline.decide(facts, host, example.toString())));
        }
        return runs;
    }
}
