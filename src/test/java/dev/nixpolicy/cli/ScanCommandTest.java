package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.FlatNamer;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} on a fixture repository written for it (src/test/resources/scan-repo): hosts, shared modules and numbers that only look like assignments. */
class ScanCommandTest {
    private static final Path REPO = Project.dir().resolve("src/test/resources/scan-repo");

    @Test
    void theHostFileOfTheFixtureIsApproved() {
        CliRun run = CliRun.of("scan", "--host", "alpha", REPO.toString());
        assertEquals(0, run.exitCode(), run.err());
        Approvals.verify(run.out(), new Options()
                .withReporter(Boolean.getBoolean("nixpolicy.approve") ? new AutoApproveReporter() : new QuietReporter())
                .forFile().withNamer(new FlatNamer(Project.dir().resolve("approvals/scan"), "alpha")).forFile().withExtension(".yaml"));
    }

    @Test
    void commentsAndStringsAreNotAssignments() throws Exception {
        HostFacts host = scanned("alpha");
        for (int notAUid : new int[] {997, 999, 917}) {
            assertFalse(host.uids().containsKey(notAUid), notAUid + " only appears in a comment or a string");
        }
        for (int notAPort : new int[] {1234, 2222, 4321, 7777}) {
            assertFalse(host.ports().containsKey(notAPort), notAPort + " only appears in a comment or a string");
        }
    }

    @Test
    void whatTheRepositoryAssignsIsFoundWithItsOwner() throws Exception {
        HostFacts host = scanned("alpha");
        assertEquals(Map.of(918, "ledger", 940, "notes", 950, "scanner", 1000, "operator"), host.uids(),
                "module option defaults, wrapped values, and the UIDs of the other host");
        assertEquals(Map.of(991, "admins", 65537, "media"), host.gids());
        assertEquals("notes", host.ports().get(8085));
        assertEquals("notes", host.ports().get(9185), "a metricsPort under lib.mkDefault");
        assertEquals("ledger", host.ports().get(8083), "a port option's default");
        assertEquals("jukebox", host.ports().get(8081), "the host side of a container port mapping");
        assertEquals("jukebox", host.ports().get(8082), "a mapping bound to an address, UDP");
        assertEquals("gauges", host.ports().get(8089), "a port in an address string, owned by the binding it is in");
        assertFalse(host.ports().containsKey(8087), "the other host's ports are its own");
        assertEquals("example.org", host.domain());
        assertEquals(java.util.List.of("documents", "media"), host.nfsMounts());
        assertEquals("alpha-tunnel", host.tunnel());
        assertEquals("nas-primary", host.backupRepository());
        assertEquals("media-services", host.podmanNetwork());
        assertEquals(java.util.List.of(), host.busyPortRanges(), "crowded blocks are the rules' reading of the ports, not the scan's");
    }

    @Test
    void theOtherHostGetsItsOwnPortsAndDomain() throws Exception {
        HostFacts host = scanned("beta");
        assertEquals("beta.example.net", host.domain());
        assertEquals("scanner", host.ports().get(8087));
        assertFalse(host.ports().containsKey(8085), "alpha's ports are not beta's");
        assertEquals("notes", host.uids().get(940), "UIDs are unique across hosts");
    }

    @Test
    void aRepositoryWithSeveralHostsNeedsHost() {
        CliRun run = CliRun.of("scan", REPO.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("several hosts (alpha, beta); pass --host NAME"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void theScannedHostDecidesAService(@TempDir Path dir) throws Exception {
        Path hostFile = dir.resolve("alpha.yaml");
        assertEquals(0, CliRun.of("scan", "--host", "alpha", "--output", hostFile.toString(), REPO.toString()).exitCode());
        assertTrue(Files.exists(dir.resolve("host.schema.json")), "the schema is written beside the host file");
        CliRun decide = CliRun.of("decide", "--format=json", "--host", hostFile.toString(), Project.dir().resolve("facts/sonarr.yaml").toString());
        assertTrue(decide.exitCode() == 0 || decide.exitCode() == 1, decide.err());
        assertFalse(decide.out().contains("holthome.net"), "the example host's domain is not used");
        assertTrue(decide.out().contains("example.org"), decide.out().substring(0, Math.min(400, decide.out().length())));
    }

    @Test
    void outputIsNeverOverwrittenWithoutForce(@TempDir Path dir) throws Exception {
        Path hostFile = dir.resolve("alpha.yaml");
        Files.writeString(hostFile, "mine\n");
        CliRun refused = CliRun.of("scan", "--host", "alpha", "--output", hostFile.toString(), REPO.toString());
        assertEquals(2, refused.exitCode());
        assertEquals("mine\n", Files.readString(hostFile));
        assertEquals(0, CliRun.of("scan", "--host", "alpha", "--output", hostFile.toString(), "--force", REPO.toString()).exitCode());
        assertTrue(Files.readString(hostFile).startsWith("# yaml-language-server"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no staging file is left behind");
        }
    }

    @Test
    void anOutputThatCannotBeWrittenIsBadInputAndWritesNothing(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        CliRun run = CliRun.of("scan", "--host", "alpha", "--output", notAFolder.resolve("alpha.yaml").toString(), REPO.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot write " + notAFolder.resolve("alpha.yaml")), run.err());
        assertEquals("x", Files.readString(notAFolder));
    }

    @Test
    void theSameRepositoryGivesTheSameBytes() {
        assertEquals(CliRun.of("scan", "--host", "alpha", REPO.toString()).out(), CliRun.of("scan", "--host", "alpha", REPO.toString()).out());
    }

    private static HostFacts scanned(String host) throws Exception {
        Path file = Files.createTempFile("scan", ".yaml");
        try {
            CliRun run = CliRun.of("scan", "--host", host, REPO.toString());
            assertEquals(0, run.exitCode(), run.err());
            Files.writeString(file, run.out());
            return new FactsLoader().loadHost(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
