package dev.nixpolicy.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and running the matrix cases kept beside the rules, and running the shipped examples. */
final class CaseRuns {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record CaseRun(String name, EngineRun run, DecisionRecord record) {}

    private CaseRuns() {}

    static MatrixCase.File read(Path file) {
        try {
            return YAML.readValue(Files.readString(file), MatrixCase.File.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static CaseRun run(CompiledPolicy policy, Path file, MatrixCase c) throws BadInputException, BadRulesException {
        FactsLoader loader = new FactsLoader();
        String factsYaml = CaseFacts.yaml(CaseFacts.unset(CaseFacts.merge(CaseFacts.baseline(), c.facts()), c.unset()));
        ServiceFacts facts = loader.parseService(Path.of(file.getFileName() + " case " + c.name()), factsYaml);
        HostFacts host = c.host().isEmpty() ? Project.defaultHost() : loader.parseHost(Path.of("host of " + c.name()),
                CaseFacts.yaml(CaseFacts.merge(hostBase(), c.host())));
        Pipeline pipeline = new Pipeline(policy);
        return new CaseRun(file.getFileName() + ": " + c.name(), pipeline.run(facts, host), pipeline.decide(facts, host, "case"));
    }

    /** Every matrix case and every shipped example, run through the policy. */
    static List<CaseRun> all(CompiledPolicy policy) throws BadInputException, BadRulesException {
        List<CaseRun> runs = new ArrayList<>();
        for (Path file : Project.caseFiles()) {
            for (MatrixCase c : read(file).cases()) {
                runs.add(run(policy, file, c));
            }
        }
        FactsLoader loader = new FactsLoader();
        HostFacts host = Project.defaultHost();
        for (Path example : Project.examples()) {
            ServiceFacts facts = loader.loadService(example);
            Pipeline pipeline = new Pipeline(policy);
            runs.add(new CaseRun(example.toString(), pipeline.run(facts, host), pipeline.decide(facts, host, example.toString())));
        }
        return runs;
    }

    private static Map<String, Object> hostBase() {
        try {
            return CaseFacts.read(Files.readString(Project.defaultHostFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
