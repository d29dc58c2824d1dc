package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nixpolicy test} over the fixture in src/test/resources/agreement: sonarr has one
 * deliberately wrong value, one wrong value marked deviates-from-policy and one key the
 * rules leave undecided; every scored key of mealie agrees.
 */
class TestCommandTest {
    private static final Path FIXTURE = Project.dir().resolve("src/test/resources/agreement");

    private static CliRun test(Object... args) {
        String[] strings = new String[args.length + 1];
        strings[0] = "test";
        for (int i = 0; i < args.length; i++) {
            strings[i + 1] = args[i].toString();
        }
        return CliRun.of(strings);
    }

    @Test
    void aWrongValueExitsOneAndIsShownWithTheRuleThatDecided() {
        CliRun run = test(FIXTURE);
        assertEquals(1, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("sonarr: 1 differs, 1 undecided, 3 agree (1 not scored)\n"
                + "  backup: expected false, got true (rule \"back up a stateful service\")\n"), run.out());
        assertTrue(run.err().startsWith("nixpolicy: no --host given, no host: in .nixpolicy.yaml and no hosts/<host>.yaml beside the facts: assuming the example host "),
                "the fixture has no host file: the assumed host is said aloud\n" + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aServiceWhoseScoredKeysAllAgreeIsOneLineAndExitsZero() {
        // mealie's expected file lists backupTags in another order than the rules and writes
        // nfsMountDependency as null where the rules say none.
        CliRun run = test(FIXTURE.resolve("mealie.yaml"));
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().startsWith("mealie: all 5 scored keys agree (1 not scored)\n\nsummary:\n"), run.out());
    }

    @Test
    void anUndecidedKeyComesWithTheOpenQuestionsAndDoesNotFail() {
        CliRun run = test(FIXTURE);
        assertTrue(run.out().contains("  caddySecurity: expected media, undecided\n  open questions:\n    users.audience: "),
                run.out());
    }

    @Test
    void aMarkedKeyIsNotScoredAndItsDisagreementIsListedApart() {
        CliRun run = test(FIXTURE);
        assertTrue(run.out().contains("\ndeviates-from-policy, not scored:\n  sonarr:\n    deployment: expected container, got native-module"),
                run.out());
        assertFalse(run.out().contains("mealie:\n    deployment"), "an agreeing marked key is not listed: " + run.out());
    }

    @Test
    void theSummaryGivesTheFigures() {
        CliRun run = test(FIXTURE);
        assertTrue(run.out().endsWith("""

                summary:
                  services decided: 2 of 2
                  precision: 88.9% (8 of 9 decided scored keys agree)
                  coverage: 90.0% (9 of 10 scored keys decided)
                  open questions per service: median 0.5, max 1
                  not scored (deviates-from-policy): 2 keys, 1 of them differ
                """), run.out());
    }

    @Test
    void jsonGivesTheSameFigures() throws IOException {
        CliRun run = test("--format", "json", FIXTURE);
        assertEquals(1, run.exitCode(), run.err());
        JsonNode summary = new ObjectMapper().readTree(run.out()).get("summary");
        assertEquals(2, summary.get("servicesDecided").intValue());
        assertEquals(8, summary.get("agreeingKeys").intValue());
        assertEquals(9, summary.get("decidedScoredKeys").intValue());
        assertEquals(10, summary.get("scoredKeys").intValue());
        assertEquals(0.8889, summary.get("precision").doubleValue());
        assertEquals(2, summary.get("notScoredKeys").intValue());
    }

    @Test
    void aKeyThatIsNoDecisionKeyIsBadInputWithItsLineAndColumn(@TempDir Path dir) throws IOException {
        Files.copy(FIXTURE.resolve("mealie.yaml"), dir.resolve("mealie.yaml"));
        Files.writeString(dir.resolve("mealie.expected.yaml"), "port: 9000\n# the owner's own spelling\ndeploy: native-module\n");
        CliRun run = test(dir);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("mealie.expected.yaml:3:1: \"deploy\" is not a decision key"), run.err());
        assertTrue(run.out().startsWith("mealie: not decided: "), run.out());
    }

    @Test
    void anUnusableFactsFileIsReportedAndTheOthersAreStillScored(@TempDir Path dir) throws IOException {
        Files.copy(FIXTURE.resolve("mealie.yaml"), dir.resolve("mealie.yaml"));
        Files.copy(FIXTURE.resolve("mealie.expected.yaml"), dir.resolve("mealie.expected.yaml"));
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: nixpolicy/v1\nservice: broken\n");
        Files.writeString(dir.resolve("broken.expected.yaml"), "port: 8080\n");
        CliRun run = test(dir);
        assertEquals(2, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().startsWith("broken: not decided: " + dir.resolve("broken.yaml") + ":1:1: missing required key"), run.out());
        assertTrue(run.out().contains("\nmealie: all 5 scored keys agree"), run.out());
        assertTrue(run.out().contains("  services decided: 1 of 2 (1 not decided"), run.out());
    }

    @Test
    void aFactsFileNamedWithoutAnExpectedFileIsBadInput(@TempDir Path dir) throws IOException {
        Path facts = Files.copy(Project.dir().resolve("facts/sonarr.yaml"), dir.resolve("sonarr.yaml"));
        CliRun run = test(facts);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no expected file sonarr.expected.yaml beside this facts file"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void theShippedExamplesAgreeWithTheirExpectedDecisions() {
        CliRun run = test(Project.dir().resolve("facts"));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("services decided: 15 of 15"), run.out());
    }

    @Test
    void anExpectedFileNamedStandsForItsFactsFile() {
        // As a shell glob such as agreement/mealie* names both.
        CliRun run = test(FIXTURE.resolve("mealie.expected.yaml"), FIXTURE.resolve("mealie.yaml"));
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("services decided: 1 of 1"), run.out());
    }

    @Test
    void theOnlyHostFileInAHostsFolderBesideTheFactsIsUsedAndNamed(@TempDir Path dir) throws IOException {
        Files.copy(FIXTURE.resolve("mealie.yaml"), dir.resolve("mealie.yaml"));
        Files.writeString(dir.resolve("mealie.expected.yaml"), "uid: 950  # the host already gives mealie 950\n");
        Path host = Files.createDirectories(dir.resolve("hosts")).resolve("home.yaml");
        Files.writeString(host, Files.readString(Project.defaultHostFile()).replace("uids:  { ", "uids:  { 950: mealie, "));
        CliRun run = test(dir);
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertEquals("nixpolicy: host facts: " + host + "\n", run.err());

        CliRun shipped = test("--host", Project.defaultHostFile(), dir);
        assertEquals(1, shipped.exitCode(), shipped.err() + shipped.out());
        assertEquals("", shipped.err());
    }
}
