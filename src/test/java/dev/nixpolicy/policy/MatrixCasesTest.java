package dev.nixpolicy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.record.RecordedQuestion;
import dev.nixpolicy.testing.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every matrix case kept beside the rules (rules/*.cases.yaml) through the shipped
 * rules, and checks that every shipped example decides every key that applies to it.
 * A policy author adds a case by adding data, not Java.
 */
class MatrixCasesTest {
    @TestFactory
    Stream<DynamicNode> matrixCases() {
        CompiledPolicy policy = Project.shippedPolicy();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : Project.caseFiles()) {
            MatrixCase.File cases = CaseRuns.read(file);
            List<DynamicTest> tests = new ArrayList<>();
            for (MatrixCase c : cases.cases()) {
                tests.add(DynamicTest.dynamicTest(c.name(), file.toUri(), () -> check(policy, file, c)));
            }
            nodes.add(DynamicContainer.dynamicContainer(cases.matrix() + " (" + file.getFileName() + ")", tests.stream()));
        }
        List<DynamicTest> examples = new ArrayList<>();
        for (Path example : Project.examples()) {
            examples.add(DynamicTest.dynamicTest(example.getFileName() + " decides every key that applies to it",
                    example.toUri(), () -> decidesEveryApplicableKey(policy, example)));
        }
        nodes.add(DynamicContainer.dynamicContainer("examples in facts/", examples.stream()));
        return nodes.stream();
    }

    private static void check(CompiledPolicy policy, Path file, MatrixCase c) throws BadInputException, BadRulesException {
        assertTrue(c.expectsSomething(), file.getFileName() + " case \"" + c.name() + "\" expects nothing");
        DecisionRecord record = CaseRuns.run(policy, file, c).record();
        String context = "\n" + summary(record);
        c.decisions().forEach((key, expected) -> {
            RecordedDecision decided = record.decisions().get(key);
            if (decided == null) {
                fail(key + " was not decided, expected " + expected + context);
            }
            assertEquals(expected, decided.value(), key + context);
        });
        c.rules().forEach((key, rule) -> {
            RecordedDecision decided = record.decisions().get(key);
            if (decided == null) {
                fail(key + " was not decided, expected by rule \"" + rule + "\"" + context);
            }
            assertEquals(rule, decided.rule(), "rule deciding " + key + context);
        });
        for (String key : c.undecided()) {
            assertFalse(record.decisions().containsKey(key), key + " must stay undecided" + context);
        }
        List<String> codes = record.findings().stream().map(RecordedFinding::code).toList();
        for (String code : c.findings()) {
            assertTrue(codes.contains(code), "finding " + code + " expected" + context);
        }
        for (String code : c.absentFindings()) {
            assertFalse(codes.contains(code), "finding " + code + " must be absent" + context);
        }
        List<String> abouts = record.questions().stream().map(RecordedQuestion::about).toList();
        for (String about : c.questions()) {
            assertTrue(abouts.contains(about), "question about " + about + " expected" + context);
        }
        for (String expected : c.followUps()) {
            assertTrue(record.followUps().stream().anyMatch(f -> f.text().contains(expected)),
                    "a follow-up containing «" + expected + "» expected; follow-ups: " + record.followUps());
        }
        for (String absent : c.absentFollowUps()) {
            assertFalse(record.followUps().stream().anyMatch(f -> f.text().contains(absent)),
                    "no follow-up containing «" + absent + "» expected; follow-ups: " + record.followUps());
        }
        for (String about : c.absentQuestions()) {
            assertFalse(abouts.contains(about), "question about " + about + " must be absent" + context);
        }
    }

    /** No policy gap: every required key is decided, or a finding says what blocks it. */
    private static void decidesEveryApplicableKey(CompiledPolicy policy, Path example) throws BadInputException, BadRulesException {
        FactsLoader loader = new FactsLoader();
        HostFacts host = Project.defaultHost();
        ServiceFacts facts = loader.loadService(example);
        DecisionRecord record = new Pipeline(policy).decide(facts, host, example.toString());
        List<String> gaps = record.findings().stream().filter(f -> f.code().equals("policy-gap"))
                .map(RecordedFinding::message).toList();
        assertTrue(gaps.isEmpty(), example.getFileName() + " leaves keys undecided: " + gaps);
        assertTrue(record.questions().isEmpty(), example.getFileName() + " leaves questions open: " + record.questions());
    }

    private static String summary(DecisionRecord record) {
        StringBuilder out = new StringBuilder("record: ");
        record.decisions().forEach((k, d) -> out.append(k).append('=').append(d.value()).append(" [").append(d.rule()).append("]; "));
        out.append("findings ").append(record.findings().stream().map(RecordedFinding::code).toList());
        out.append("; questions ").append(record.questions().stream().map(RecordedQuestion::about).toList());
        return out.toString();
    }
}
