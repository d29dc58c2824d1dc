package dev.nixpolicy.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.facts.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading an expected file: typed values, the deviates-from-policy mark from comments only, bad keys located. */
class ExpectedFileTest {
    private static final Path FILE = Path.of("demo.expected.yaml");

    private static Map<String, Boolean> marks(String text) throws BadInputException {
        return ExpectedFile.parse(FILE, text).expectations().stream()
                .collect(Collectors.toMap(Expectation::key, Expectation::marked));
    }

    @Test
    void aMarkInTheCommentOfAKeysLineTakesThatKeyOnlyOutOfTheScore() throws BadInputException {
        Map<String, Boolean> marks = marks("""
                deployment: container  # module.nix:379  # deviates-from-policy: 001 prefers native  # audit: mark added
                port: 8989  # module.nix:17
                uid: 568  # deviates-from-policy: outside the 900-999 UID range
                """);
        assertEquals(Map.of("deployment", true, "port", false, "uid", true), marks);
    }

    @Test
    void aMarkOnACommentLineOfItsOwnMarksNoKey() throws BadInputException {
        // SnakeYAML hangs such a comment on the key after it; it is about a key left out.
        Map<String, Boolean> marks = marks("""
                port: 8989
                # uid omitted: users.users.demo has no uid  # deviates-from-policy: stable UID required
                group: media
                """);
        assertEquals(Map.of("port", false, "group", false), marks);
    }

    @Test
    void anEmptyValueDoesNotTakeTheMarkOfTheNextLine() throws BadInputException {
        Map<String, Boolean> marks = marks("""
                nfsMountDependency:
                deployment: container  # deviates-from-policy
                metricsPort:  # none
                """);
        assertEquals(Map.of("nfsMountDependency", false, "deployment", true, "metricsPort", false), marks);
    }

    @Test
    void aMarkAnywhereInAKeysSpanCountsButNotAfterIt() throws BadInputException {
        Map<String, Boolean> marks = marks("""
                restoreMethods:
                  - syncoid  # deviates-from-policy: no restic
                  - local
                referenceServices: [sonarr,
                  radarr]  # deviates-from-policy
                port: 8989
                """);
        assertEquals(Map.of("restoreMethods", true, "referenceServices", true, "port", false), marks);
    }

    @Test
    void aMarkAfterAMultiLineValueIsNotItsMark() throws BadInputException {
        // The parser ends a block list or block scalar where the next line starts.
        Map<String, Boolean> marks = marks("""
                restoreMethods:
                  - syncoid
                  - local
                # restic left out  # deviates-from-policy: a comment line of its own
                hostName: |
                  demo.example.org
                deployment: container  # deviates-from-policy
                """);
        assertEquals(Map.of("restoreMethods", false, "hostName", false, "deployment", true), marks);
    }

    @Test
    void aHashInsideAQuotedValueIsNoComment() throws BadInputException {
        Map<String, Boolean> marks = marks("""
                hostName: "demo.example.org/#deviates-from-policy"
                """);
        assertEquals(Map.of("hostName", false), marks);
    }

    @Test
    void valuesAreTypedAsYamlWritesThem() throws BadInputException {
        List<Expectation> read = ExpectedFile.parse(FILE, """
                uid: 568
                recordsize: 16K
                backup: true
                restoreMethods: [syncoid, local]
                metricsPort: none
                nfsMountDependency:
                """).expectations();
        assertEquals(568, read.get(0).value());
        assertEquals("16K", read.get(1).value());
        assertEquals(true, read.get(2).value());
        assertEquals(List.of("syncoid", "local"), read.get(3).value());
        assertEquals("none", read.get(4).value());
        assertEquals(null, read.get(5).value());
    }

    @Test
    void aKeyThatIsNoDecisionKeyIsBadInputWhereItIsWritten() {
        BadInputException bad = assertThrows(BadInputException.class, () -> ExpectedFile.parse(FILE, """
                port: 8989
                  # indented comment
                deploy: container  # typo
                """));
        assertEquals(3, bad.line());
        assertEquals(1, bad.column());
        assertEquals("demo.expected.yaml:3:1: \"deploy\" is not a decision key of decision-record-v1", bad.getMessage());
    }

    @Test
    void aValueTheKeyCannotTakeIsBadInputAtTheValue() {
        BadInputException bad = assertThrows(BadInputException.class,
                () -> ExpectedFile.parse(FILE, "port: 8989\ndeployment: docker\n"));
        assertTrue(bad.getMessage().startsWith("demo.expected.yaml:2:13: deployment must be one of"), bad.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsBadInput() {
        BadInputException bad = assertThrows(BadInputException.class,
                () -> ExpectedFile.parse(FILE, "port: 8989\nport: 8990\n"));
        assertEquals("demo.expected.yaml:2:1: duplicate key 'port'", bad.getMessage());
    }

    @Test
    void theExpectedFileOfAFactsFileIsBesideIt() {
        assertEquals(Path.of("dir/sonarr.expected.yaml"), ExpectedFile.besideFacts(Path.of("dir/sonarr.facts.yaml")));
        assertEquals(Path.of("dir/sonarr.expected.yaml"), ExpectedFile.besideFacts(Path.of("dir/sonarr.yaml")));
    }
}
