package dev.nixpolicy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A folder of facts may also hold the expected files of {@code test}; they are never read as facts. */
class FactsFilesTest {
    private static final Path FIXTURE = Project.dir().resolve("src/test/resources/agreement");

    @Test
    void aFolderGivesItsFactsFilesButNotItsExpectedFiles() throws IOException {
        assertEquals(List.of(FIXTURE.resolve("mealie.yaml"), FIXTURE.resolve("sonarr.facts.yaml")),
                FactsFiles.expand(List.of(FIXTURE)));
    }

    @Test
    void decideOnAFolderWithExpectedFilesDecidesOnlyTheFacts() throws IOException {
        CliRun run = CliRun.of("decide", "--format", "json", FIXTURE.toString());
        assertFalse(run.err().contains("expected.yaml"), run.err());
        assertTrue(run.exitCode() < 2, "exit " + run.exitCode() + ": " + run.err());
        assertEquals(2, new ObjectMapper().readTree(run.out()).size());
    }
}
