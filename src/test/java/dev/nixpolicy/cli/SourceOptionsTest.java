package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --templates, and a rules folder, templates folder or host file that is not there, through the commands. */
class SourceOptionsTest {
    private static final String SONARR = Project.dir().resolve("facts/sonarr.yaml").toString();

    @Test
    void decideAndGenerateRenderWithTheTemplatesGiven(@TempDir Path dir) throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        try (Stream<Path> files = Files.list(Project.templates())) {
            for (Path file : files.toList()) {
                Files.copy(file, templates.resolve(file.getFileName()));
            }
        }
        Path rationale = templates.resolve("rationale.md.mustache");
        Files.writeString(rationale, "Our own rationale template\n\n" + Files.readString(rationale));

        CliRun decide = CliRun.of("decide", "--format", "markdown", "--templates", templates.toString(), SONARR);
        CliRun generate = CliRun.of("generate", "--templates", templates.toString(), "--out", dir.resolve("out").toString(), SONARR);

        assertEquals(0, decide.exitCode(), decide.err());
        assertTrue(decide.out().startsWith("Our own rationale template\n"), decide.out());
        assertEquals(0, generate.exitCode(), generate.err());
        assertTrue(Files.readString(dir.resolve("out/docs/services/sonarr.md")).contains("Our own rationale template\n"));
    }

    @Test
    void aMissingRulesFolderIsBadInputNamingTheOption(@TempDir Path dir) {
        Path missing = dir.resolve("rules");
        CliRun run = CliRun.of("decide", "--rules", missing.toString(), SONARR);

        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("nixpolicy: --rules " + missing + ": no such folder\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void generateWithMissingTemplatesWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("generate", "--templates", dir.resolve("templates").toString(), "--out", out.toString(), SONARR);

        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("nixpolicy: --templates " + dir.resolve("templates") + ": no such folder\n"), run.err());
        assertTrue(run.err().endsWith("nixpolicy: nothing written\n"), run.err());
        assertTrue(!Files.exists(out.resolve("hosts")), "nothing written");
    }

    @Test
    void aHostThatIsAFolderOrAMissingBaseRulesFolderIsBadInput(@TempDir Path dir) {
        CliRun host = CliRun.of("test", "--host", dir.toString(), Project.dir().resolve("facts").toString());
        CliRun impact = CliRun.of("impact", "--base-rules", dir.resolve("before").toString(), SONARR);

        assertEquals(ExitCode.BAD_INPUT, host.exitCode());
        assertEquals("nixpolicy: --host " + dir + ": a folder, not a file\n", host.err());
        assertEquals(ExitCode.BAD_INPUT, impact.exitCode());
        assertEquals("nixpolicy: --base-rules " + dir.resolve("before") + ": no such folder\n", impact.err());
    }
}
