package dev.nixpolicy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt fact path or observation code in DRL is bad rules at its file and line, when the rules load. */
class RuleVocabularyTest {
    @Test
    void theShippedRulesNameOnlyPathsOfTheContractAndCodesSomeRuleWrites() throws Exception {
        assertEquals(List.of(), RuleVocabulary.problems(DrlFolder.drlFilesOf(Project.rules())));
    }

    @Test
    void aMisspeltFactPathIsBadRulesAtItsLine(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Path ports = rules.resolve("ports.drl");
        String text = Files.readString(ports);
        int at = text.indexOf("Fact(path == \"upstream.port\"");
        assertTrue(at > 0, "ports.drl reads upstream.port");
        Files.writeString(ports, text.substring(0, at) + "Fact(path == \"upstream.prot\"" + text.substring(at + "Fact(path == \"upstream.port\"".length()));
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();

        CliRun run = CliRun.of("decide", Project.dir().resolve("facts/sonarr.yaml").toString(), "--rules", rules.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("ports.drl:" + line + ": fact path \"upstream.prot\" is not in the facts contract (misspelt?);"
                + " a rule that names it never matches; did you mean \"upstream.port\"?"), run.err());
    }

    @Test
    void anObservationNoRuleWritesIsBadRulesAtItsLine(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Path extra = rules.resolve("extra.drl");
        Files.writeString(extra, """
                package nixpolicy.rules;

                import dev.nixpolicy.engine.Observation;
                import dev.nixpolicy.engine.Finding;

                rule "reads an observation nobody writes"
                    @matrix("extra") @row("1") @source("001 test") @decides("none")
                    agenda-group "validate"
                when
                    Observation(code == "stable-qualifys")
                then
                end
                """);
        CliRun run = CliRun.of("decide", Project.dir().resolve("facts/sonarr.yaml").toString(), "--rules", rules.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("extra.drl:10: observation \"stable-qualifys\" is read but no rule writes it (misspelt?);"
                + " did you mean \"stable-qualifies\"?"), run.err());
    }
}
