package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .nixpolicy.yaml: found above the working directory, read strictly, and ranked below options and above the shipped files. */
class UserConfigTest {
    @TempDir
    Path dir;

    private Path repo;
    private ProjectLayout shipped;

    @BeforeEach
    void layout() throws IOException {
        repo = Files.createDirectories(dir.resolve("repo"));
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("rules"));
        Files.createDirectories(home.resolve("templates"));
        Files.createDirectories(home.resolve("facts/hosts"));
        Files.writeString(home.resolve("facts/hosts/forge.yaml"), "domain: example.org\n");
        shipped = new ProjectLayout(home);
    }

    private Path config(String text) throws IOException {
        return Files.writeString(repo.resolve(UserConfig.FILE_NAME), text);
    }

    @Test
    void isFoundInTheNearestFolderAboveTheWorkingDirectory() throws Exception {
        Path file = config("rules: policy/rules\n");
        Path deep = Files.createDirectories(repo.resolve("hosts/forge/services"));
        Files.createDirectories(repo.resolve("policy/rules"));

        assertEquals(Optional.of(file), UserConfig.locate(deep));
        assertEquals(Optional.of(file), UserConfig.locate(repo));
        UserConfig config = UserConfig.find(deep);
        assertEquals(Optional.of(file), config.file());
        assertEquals(Optional.of(repo.resolve("policy/rules")), config.rules(null, shipped));
    }

    @Test
    void theNearestFileWins() throws Exception {
        config("rules: outer\n");
        Path inner = Files.createDirectories(repo.resolve("inner"));
        Path innerFile = Files.writeString(inner.resolve(UserConfig.FILE_NAME), "rules: rules\n");

        assertEquals(Optional.of(innerFile), UserConfig.locate(inner.resolve("missing/sub")));
    }

    @Test
    void noFileAboveGivesTheShippedSources() throws Exception {
        assumeTrue(UserConfig.locate(dir).isEmpty(), "no .nixpolicy.yaml above the temporary folder");
        UserConfig config = UserConfig.find(repo);

        assertEquals(Optional.empty(), config.file());
        assertEquals(Optional.empty(), config.rules(null, shipped), "empty: the shipped rules");
        assertEquals(shipped.templates(), config.templates(null, shipped));
        assertEquals(Optional.empty(), config.host(null));
        assertEquals(shipped.defaultHost(), UserConfig.shippedHost(shipped));
    }

    @Test
    void pathsAreRelativeToTheFolderOfTheFileNotToTheWorkingDirectory() throws Exception {
        config("""
                # the repository's own policy
                rules: policy/rules
                templates: ../shared/templates
                host: %s
                """.formatted(dir.resolve("hosts/forge.yaml")));
        Files.createDirectories(repo.resolve("policy/rules"));
        Files.createDirectories(dir.resolve("shared/templates"));
        Files.createDirectories(dir.resolve("hosts"));
        Files.writeString(dir.resolve("hosts/forge.yaml"), "domain: example.org\n");

        UserConfig config = UserConfig.find(Files.createDirectories(repo.resolve("docs")));

        assertEquals(Optional.of(repo.resolve("policy/rules")), config.rules(null, shipped));
        assertEquals(dir.resolve("shared/templates"), config.templates(null, shipped), "normalized");
        assertEquals(Optional.of(dir.resolve("hosts/forge.yaml")), config.host(null), "an absolute path stays");
    }

    @Test
    void anOptionWinsOverTheFileWhichWinsOverTheShippedOnes() throws Exception {
        config("rules: policy/rules\ntemplates: policy/templates\n");
        Files.createDirectories(repo.resolve("policy/rules"));
        Files.createDirectories(repo.resolve("policy/templates"));
        Path option = Files.createDirectories(dir.resolve("option/rules"));
        UserConfig config = UserConfig.find(repo);

        assertEquals(Optional.of(option), config.rules(option, shipped));
        assertEquals(Optional.of(repo.resolve("policy/rules")), config.rules(null, shipped));
        assertEquals(repo.resolve("policy/templates"), config.templates(null, shipped));
        assertEquals(Optional.empty(), config.host(null), "no host key: beside the facts, else the shipped host");
    }

    @Test
    void anOptionWinsOverAFileThatNamesAMissingFolder() throws Exception {
        config("rules: gone\n");
        Path option = Files.createDirectories(dir.resolve("option"));

        assertEquals(Optional.of(option), UserConfig.find(repo).rules(option, shipped));
    }

    @Test
    void anUnknownKeyIsBadInputAtItsLineAndColumn() throws Exception {
        Path file = config("rules: policy/rules\nrule: typo\n");

        BadInputException e = assertThrows(BadInputException.class, () -> UserConfig.find(repo));

        assertEquals(file, e.file());
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertEquals(file + ":2:1: unknown key 'rule'; known keys: rules, templates, host", e.getMessage());
    }

    @Test
    void otherBadFilesAreLocatedToo() throws Exception {
        Path file = repo.resolve(UserConfig.FILE_NAME);
        String[][] cases = {
            {"rules: a\nrules: b\n", ":2:1: duplicate key 'rules'"},
            {"rules:\n", ":1:7: rules: expected the path of the rules folder (relative to the folder of .nixpolicy.yaml)"},
            {"host: [a, b]\n", ":1:7: host: expected the path of the host file"},
            {"- rules\n", ":1:1: expected a mapping of rules, templates, host to paths"},
            {"rules: [unclosed\n", ":2:1: YAML syntax error"},
        };
        for (String[] c : cases) {
            config(c[0]);
            BadInputException e = assertThrows(BadInputException.class, () -> UserConfig.find(repo), c[0]);
            assertTrue(e.getMessage().startsWith(file + c[1]), c[0] + " gives " + e.getMessage());
        }
    }

    @Test
    void aFileOfCommentsOnlySetsNothing() throws Exception {
        config("# nothing set yet\n");

        assertEquals(Optional.empty(), UserConfig.find(repo).rules(null, shipped));
    }

    @Test
    void aMissingFolderNamedInTheFileIsReportedThere() throws Exception {
        Path file = config("templates: policy/templates\nrules: policy/rules\n");

        SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
                () -> UserConfig.find(repo).rules(null, shipped));

        assertEquals(file + ":2:8: rules: " + repo.resolve("policy/rules") + ": no such folder (set rules: to the rules folder,"
                + " relative to this file's folder, or pass --rules)", e.getMessage());
    }

    @Test
    void aMissingPathGivenAsAnOptionNamesTheOption() {
        Path missing = dir.resolve("nowhere");
        SourceNotFoundException rules = assertThrows(SourceNotFoundException.class, () -> UserConfig.none().rules(missing, shipped));
        SourceNotFoundException host = assertThrows(SourceNotFoundException.class, () -> UserConfig.none().host(repo));

        assertEquals("--rules " + missing + ": no such folder", rules.getMessage());
        assertEquals("--host " + repo + ": a folder, not a file", host.getMessage());
    }

    @Test
    void aMissingShippedFolderSaysWhatToSet() {
        ProjectLayout empty = new ProjectLayout(dir.resolve("no-home"));

        SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> UserConfig.none().templates(null, empty));

        assertTrue(e.getMessage().startsWith("no templates folder: the shipped one, " + empty.templates() + ", is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("pass --templates DIR, set templates: in .nixpolicy.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dnixpolicy.home=DIR"), e.getMessage());
        assertThrows(SourceNotFoundException.class, () -> UserConfig.shippedHost(empty));
    }
}
