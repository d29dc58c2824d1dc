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

class ImpactCommandTest {
    @Test
    void sameRulesChangeNothing(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("impact", "--base-rules", Project.copyOfRules(dir).toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertEquals("impact: 0 of " + Project.examples().size() + " service(s) change, 0 change(s) in all\n", run.out());
    }

    @Test
    void aRuleEditShowsEachChangedDecisionWithItsRule(@TempDir Path dir) throws IOException {
        Path base = Project.copyOfRules(dir);
        Path storage = base.resolve("storage.drl");
        Files.writeString(storage, Files.readString(storage).replace("insert(new Decision(\"recordsize\", \"128K\"));",
                "insert(new Decision(\"recordsize\", \"1M\"));"));
        CliRun run = CliRun.of("impact", "--base-rules", base.toString(), Project.dir().resolve("facts/teslamate.yaml").toString(),
                Project.dir().resolve("facts/sonarr.yaml").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("sonarr:\n  recordsize: 1M -> 128K (rule \"128K recordsize for media\")\n"),
                run.out());
        assertTrue(run.out().endsWith("impact: 1 of 2 service(s) change, 1 change(s) in all\n"), run.out());
    }

    @Test
    void baseRulesThatDoNotCompileExitThree(@TempDir Path dir) throws IOException {
        Path base = Project.copyOfRules(dir);
        Files.writeString(base.resolve("broken.drl"), "package x;\nrule \"broken\" when then end oops\n");
        assertEquals(3, CliRun.of("impact", "--base-rules", base.toString()).exitCode());
    }
}
