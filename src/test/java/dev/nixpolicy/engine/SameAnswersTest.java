package dev.nixpolicy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.render.RecordWriter;
import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The precompiled rules (the build's executable model on the classpath), the rules compiled
 * at run time, and a batch over a folder give byte-identical records for every example.
 */
class SameAnswersTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();


    private static List<String> records(CompiledPolicy policy) throws Exception {
        FactsLoader loader = new FactsLoader();
        HostFacts host = Project.defaultHost();
        List<String> out = new ArrayList<>();
        for (Path example : Project.examples()) {
            ServiceFacts facts = loader.loadService(example);
            out.add(RecordWriter.json(new Pipeline(policy).decide(facts, host, "facts/" + example.getFileName())));
        }
        return out;
    }

    @Test
    void precompiledRuntimeCompiledAndTheCliAgree() throws Exception {
        Optional<PrecompiledRules> precompiled = PrecompiledRules.withFingerprint(RuleDigest.fingerprint(Project.rules()), "rules");
        assertTrue(precompiled.isPresent(), "the build precompiled the shipped rules (mvn process-classes)");
        CompiledPolicy fromClasspath = precompiled.get().load();
        CompiledPolicy compiledNow = Project.shippedPolicy();
        assertEquals(compiledNow.rules(), fromClasspath.rules(), "the same rules with the same metadata");
        assertEquals(compiledNow.digest(), fromClasspath.digest(), "the precompiled rules carry the digest of rules/");

        List<String> precompiledRecords = records(fromClasspath);
        List<String> runtimeRecords = records(compiledNow);
        assertEquals(runtimeRecords, precompiledRecords);

        // A batch over several files is compared with one-after-another runs in DistinctAllocationsTest.
        for (int i = 0; i < Project.examples().size(); i++) {
            Path example = Project.examples().get(i);
            CliRun single = CliRun.of("decide", "--format", "json", example.toString());
            assertEquals(JSON.readTree(precompiledRecords.get(i)), JSON.readTree(single.out()).get(0),
                    example + ": the CLI (precompiled rules) gives the same record");
        }
    }

    /** The first run after an edit decides with the classic engine: it must decide every case and example alike. */
    @Test
    void theClassicBuildOfEditedRulesDecidesAsTheExecutableModel() throws Exception {
        Path rules = Project.rules();
        CompiledPolicy classic = new DrlFolder(rules, "rules", Optional.empty())
                .buildClassic(DrlFolder.Sources.read(rules)).orElseThrow();
        assertEquals(records(Project.shippedPolicy()), records(classic), "every example's record");
        dev.nixpolicy.verify.MatrixCases.Report report = new dev.nixpolicy.verify.MatrixCases(rules, new Pipeline(classic),
                Project.defaultHostFile()).run();
        assertTrue(report.passed(), report.text());
    }
}
