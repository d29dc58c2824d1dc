package dev.nixpolicy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.testing.Project;
import dev.nixpolicy.verify.MatrixCases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The matrix cases kept beside the rules (rules/*.cases.yaml), run by the same suite as
 * {@code nixpolicy test --cases}: one test per case, failing with what differs and the case's
 * effective facts; every rule file has cases and every row a case; every shipped example
 * decides every key that applies to it. A policy author adds a case by adding data, not Java.
 */
class MatrixCasesTest {
    private static final CompiledPolicy POLICY = Project.shippedPolicy();
    private static MatrixCases.Report report;

    private static synchronized MatrixCases.Report report() throws BadInputException, BadRulesException {
        if (report == null) {
            report = CaseRuns.suite(POLICY);
        }
        return report;
    }

    @TestFactory
    Stream<DynamicNode> matrixCases() throws Exception {
        Map<Path, List<DynamicTest>> byFile = new LinkedHashMap<>();
        for (MatrixCases.Outcome outcome : report().outcomes()) {
            byFile.computeIfAbsent(outcome.file(), f -> new ArrayList<>()).add(DynamicTest.dynamicTest(outcome.matrixCase().name(),
                    outcome.file().toUri(), () -> assertTrue(outcome.passed(), String.join("\n", outcome.failures())
                            + "\neffective facts:\n" + outcome.effectiveFacts())));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byFile.forEach((file, tests) -> nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests.stream())));
        List<DynamicTest> examples = new ArrayList<>();
        for (Path example : Project.examples()) {
            examples.add(DynamicTest.dynamicTest(example.getFileName() + " decides every key that applies to it",
                    example.toUri(), () -> decidesEveryApplicableKey(example)));
        }
        nodes.add(DynamicContainer.dynamicContainer("examples in facts/", examples.stream()));
        return nodes.stream();
    }

    @Test
    void everyRuleFileHasCasesAndEveryRowACase() throws Exception {
        assertEquals(List.of(), report().ruleFilesWithoutCases(), "rule files without a .cases.yaml beside them");
        assertEquals(List.of(), report().uncovered().stream().map(r -> r.ruleFile().getFileName() + " row " + r.row() + " " + r.rules()).toList(),
                "rows no case of their file checks an outcome of");
    }

    /** No policy gap: every required key is decided, or a finding says what blocks it. */
    private static void decidesEveryApplicableKey(Path example) throws BadInputException, BadRulesException {
        HostFacts host = Project.defaultHost();
        Pipeline pipeline = new Pipeline(POLICY);
        DecisionRecord record = pipeline.decide(pipeline.readService(example), host, example.toString());
        List<String> gaps = record.findings().stream().filter(f -> f.code().equals("policy-gap"))
                .map(RecordedFinding::message).toList();
        assertTrue(gaps.isEmpty(), example.getFileName() + " leaves keys undecided: " + gaps);
        assertTrue(record.questions().isEmpty(), example.getFileName() + " leaves questions open: " + record.questions());
    }
}
