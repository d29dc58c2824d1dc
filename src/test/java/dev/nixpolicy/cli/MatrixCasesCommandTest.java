package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nixpolicy test --cases}: the suite a policy author runs on the rules folder, the same
 * the unit tests run on the shipped rules.
 */
class MatrixCasesCommandTest {
    @Test
    void theShippedCasesPassAndCoverEveryRow() {
        CliRun run = CliRun.of("test", "--cases");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("storage.cases.yaml: "), run.out());
        assertTrue(run.out().endsWith(" failing; 0 row(s) without a case; 0 rule file(s) without cases\n")
                && run.out().contains(" case(s), 0 failing;"), run.out());
    }

    @Test
    void aFailingCaseShowsWhatDiffersAndItsEffectiveFacts(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Path cases = rules.resolve("storage.cases.yaml");
        Files.writeString(cases, Files.readString(cases) + """
                  - name: "a deliberately wrong expectation"
                    facts: { upstream: { port: 8765 } }
                    decisions: { port: 1 }
                """);
        CliRun run = CliRun.of("test", "--cases", "--rules", rules.toString());
        assertEquals(1, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("  FAIL \"a deliberately wrong expectation\"\n    port = 8765 by rule \""), run.out());
        assertTrue(run.out().contains("    effective facts (the case merged over case-baseline.yaml):\n"), run.out());
        assertTrue(run.out().contains("        port: 8765\n"), "the merged facts are shown\n" + run.out());
        assertTrue(run.out().contains("service: \"example\"") || run.out().contains("service: example"), "the baseline is part of them\n" + run.out());
    }

    @Test
    void aRuleFileWithoutCasesAndItsRowsAreReported(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Files.delete(rules.resolve("alerts.cases.yaml"));
        CliRun run = CliRun.of("test", "--cases", "--rules", rules.toString());
        assertEquals(1, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("alerts.drl: no alerts.cases.yaml beside it\n"), run.out());
        assertTrue(run.out().contains("alerts.drl: row "), run.out());
    }

    @Test
    void aCaseFileNamingAnotherFilesRuleIsBadInputWhereItIsWritten(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Path cases = rules.resolve("alerts.cases.yaml");
        Files.writeString(cases, Files.readString(cases) + """
                  - name: "names a storage rule"
                    decisions: { port: 8300 }
                    rules: { port: "start from the upstream default port" }
                """);
        CliRun run = CliRun.of("test", "--cases", "--rules", rules.toString());
        assertEquals(2, run.exitCode(), run.err() + run.out());
        int line = (int) Files.readString(cases).lines().takeWhile(l -> !l.contains("start from the upstream")).count() + 1;
        assertTrue(run.err().contains("alerts.cases.yaml:" + line + ":"), run.err());
        assertTrue(run.err().contains("rule \"start from the upstream default port\" is not a rule of alerts.drl"), run.err());
    }

    @Test
    void aRuleFileThatIsNotThereIsBadInput(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Path cases = rules.resolve("alerts.cases.yaml");
        Files.writeString(cases, Files.readString(cases).replace("ruleFile: alerts.drl", "ruleFile: alert.drl"));
        CliRun run = CliRun.of("test", "--cases", "--rules", rules.toString());
        assertEquals(2, run.exitCode(), run.err() + run.out());
        assertTrue(run.err().contains("alerts.cases.yaml:2:11: ruleFile: alert.drl is not a rule file of "), run.err());
    }

    @Test
    void aBaselineThatIsNotYamlIsBadInputWithItsLocation(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Files.writeString(rules.resolve("case-baseline.yaml"), "service: [unclosed\n");
        CliRun run = CliRun.of("test", "--cases", "--rules", rules.toString());
        assertEquals(2, run.exitCode(), run.err() + run.out());
        assertTrue(run.err().contains("case-baseline.yaml:"), run.err());
        assertTrue(run.out().isEmpty(), "nothing reported as run: " + run.out());
    }
}
