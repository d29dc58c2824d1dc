package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edit to the rules takes effect without a rebuild, and the CLI says once that it compiles them. */
class EditedRulesTest {
    @Test
    void unchangedRulesUseTheBuildAndSayNothing(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("decide", "--rules", Project.copyOfRules(dir).toString(), Project.dir().resolve("facts/sonarr.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void editedRulesAreCompiledAndAnnouncedOnce(@TempDir Path dir) throws IOException {
        Path rules = Project.copyOfRules(dir);
        Path storage = rules.resolve("storage.drl");
        Files.writeString(storage, Files.readString(storage).replace("insert(new Decision(\"compression\", \"zstd\"));",
                "insert(new Decision(\"compression\", \"lz4\"));"));
        CliRun run = CliRun.of("decide", "--format", "json", "--rules", rules.toString(),
                Project.dir().resolve("facts/sonarr.yaml").toString(), Project.dir().resolve("facts/radarr.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.contains("building edited rules")).count(), run.err());
        assertTrue(run.out().contains("\"value\": \"lz4\""), "the edit took effect");
        assertFalse(run.out().contains("\"value\": \"zstd\""), run.out());
    }
}
