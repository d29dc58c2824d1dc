package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bash completion and the man page the distribution ships cover every command and option the jar has. */
class ShareFolderTest {
    private static final CommandLine COMMANDS = ShareFolder.commandLine();

    @Test
    void theCommandsAreTheOnesUsersKnow() {
        assertEquals(Set.of("decide", "generate", "impact", "test", "schema", "init", "scan", "explain", "help"), COMMANDS.getSubcommands().keySet());
    }

    @Test
    void completionMentionsEverySubcommandAndItsOptions() {
        String script = ShareFolder.completion();
        for (var command : COMMANDS.getSubcommands().entrySet()) {
            assertTrue(script.contains("function _picocli_nixpolicy_" + command.getKey() + "()"), command.getKey());
            for (String option : command.getValue().getCommandSpec().optionsMap().keySet()) {
                assertTrue(script.contains(option), command.getKey() + " " + option);
            }
        }
        assertTrue(script.contains("complete -F _complete_nixpolicy"), "registered for the command name nixpolicy");
    }

    @Test
    void completionIsBashThatParses(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("nixpolicy"), ShareFolder.completion());
        assertEquals(0, run(dir, "bash", "-n", script.toString()));
    }

    @Test
    void theManPageDocumentsEveryCommandAndOption() {
        String page = ManPage.of(COMMANDS, "1.2.3");
        assertTrue(page.startsWith(".TH NIXPOLICY 1 \"\" \"nixpolicy 1.2.3\" \"User Commands\"\n"), page);
        for (var command : COMMANDS.getSubcommands().entrySet()) {
            assertTrue(page.contains("\n.SS nixpolicy " + command.getKey() + "\n"), command.getKey());
            for (String option : command.getValue().getCommandSpec().optionsMap().keySet()) {
                assertTrue(page.contains("\\fB" + ManPage.escape(option) + "\\fR"), command.getKey() + " " + option);
            }
        }
        assertTrue(page.contains(".nixpolicy.yaml"), "says where rules, templates and host come from");
    }

    @Test
    void roffSpecialsAreEscaped() {
        assertEquals("\\-\\-rules", ManPage.escape("--rules"));
        assertEquals("a\\eb", ManPage.escape("a\\b"));
        assertEquals("\\&.nixpolicy.yaml", ManPage.escape(".nixpolicy.yaml"));
        assertEquals("\\&'quoted'", ManPage.escape("'quoted'"));
    }

    @Test
    void groffFormatsTheManPageWithoutWarnings(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is installed");
        Path page = Files.writeString(dir.resolve("nixpolicy.1"), ManPage.of(COMMANDS, "1.2.3"));
        Path warnings = dir.resolve("warnings");
        Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
                .redirectErrorStream(true).redirectOutput(warnings.toFile()).start();
        assertTrue(groff.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", Files.readString(warnings, StandardCharsets.UTF_8));
        assertEquals(0, groff.exitValue());
    }

    @Test
    void writesTheFilesWhereTheDistributionPacksThem(@TempDir Path dir) throws IOException {
        ShareFolder.writeInto(dir, "1.2.3");
        for (Path file : List.of(dir.resolve("bash-completion/completions/nixpolicy"), dir.resolve("man/man1/nixpolicy.1"))) {
            assertTrue(Files.size(file) > 1000, file + " written");
        }
    }

    private static int run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
