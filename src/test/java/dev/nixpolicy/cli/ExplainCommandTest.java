package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** explain KEY [FACTS]: the rules for a key at their file:line, and for a service which one decided and what would change it. */
class ExplainCommandTest {
    @Test
    void listsEveryRuleThatNamesTheKeyAtItsLine() throws Exception {
        CliRun run = CliRun.of("explain", "recordsize");
        assertEquals(0, run.exitCode(), run.err());
        List<String> storage = Files.readAllLines(Project.rules().resolve("storage.drl"));
        int line = 0;
        for (int i = 0; i < storage.size() && line == 0; i++) {
            for (int j = i + 1; storage.get(i).startsWith("rule \"") && j < storage.size() && !storage.get(j).equals("when"); j++) {
                if (storage.get(j).contains("@decides(\"") && storage.get(j).contains("recordsize")) {
                    line = i + 1;
                    break;
                }
            }
        }
        assertTrue(line > 0, "storage.drl has a rule that decides recordsize");
        assertTrue(run.out().contains("rules/storage.drl:" + line + "  \""), run.out());
        assertTrue(run.out().startsWith("recordsize: one of "), run.out());
    }

    @Test
    void forAServiceSaysWhichRuleDecidedAndWhichWereNotTaken() {
        CliRun run = CliRun.of("explain", "port", Project.dir().resolve("facts/sonarr.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("sonarr (facts/sonarr.yaml): port = 8989"), run.out());
        assertTrue(run.out().contains("decided    rules/ports.drl:"), run.out());
        assertTrue(run.out().contains("not taken  rules/ports.drl:"), run.out());
        assertTrue(run.out().contains("a different value of a fact these rules read: ") && run.out().contains("upstream.port"), run.out());
    }

    @Test
    void anOpenQuestionThatHoldsTheKeyIsNamed() throws Exception {
        java.nio.file.Path facts = Files.createTempFile("explain", ".yaml");
        try {
            Files.write(facts, Files.readAllLines(Project.dir().resolve("facts/sonarr.yaml")).stream()
                    .filter(l -> !l.matches("\\s+gpu:.*")).toList());
            CliRun run = CliRun.of("explain", "devices", facts.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("devices is not decided"), run.out());
            assertTrue(run.out().contains("the answer to workload.gpu"), run.out());
        } finally {
            Files.deleteIfExists(facts);
        }
    }

    @Test
    void anUnknownKeyIsBadInput() {
        CliRun run = CliRun.of("explain", "colour");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("colour is not a decision key; known keys: deployment"), run.err());
    }
}
