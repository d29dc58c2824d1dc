package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import dev.nixpolicy.testing.Generated;
import dev.nixpolicy.testing.NixEvaluation;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generatable service's module and host file evaluate with the NixOS module system
 * against the repository's interfaces (stubbed in src/test/nix), and the values the rules
 * decided are the values the rest of the system reads.
 */
class NixEvaluationTest {
    private static NixEvaluation nix;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNix() {
        nix = NixEvaluation.onThisMachine();
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratableExampleEvaluates() {
        List<DecisionRecord> records = Project.examples().stream().map(Generated::record)
                .filter(DecisionRecord::isGeneratable).toList();
        assertTrue(records.size() >= 12, "only " + records.size() + " examples generate");
        return records.stream().map(record -> DynamicTest.dynamicTest(record.service(), () -> evaluatesAsDecided(record)));
    }

    /**
     * The real services of the configuration repository the policy comes from, where they are
     * on this machine ({@code NIXPOLICY_REALWORLD_DIR}: facts files and {@code hosts/forge.yaml}).
     */
    @TestFactory
    Stream<DynamicTest> everyRealServiceThatGeneratesEvaluates() throws IOException {
        String realWorld = System.getenv("NIXPOLICY_REALWORLD_DIR");
        Assumptions.assumeTrue(realWorld != null, "NIXPOLICY_REALWORLD_DIR is not set");
        Path folder = Path.of(realWorld);
        List<DecisionRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path facts : files.filter(f -> f.toString().endsWith(".facts.yaml")).sorted().toList()) {
                DecisionRecord record = Generated.record(facts, folder.resolve("hosts/forge.yaml"));
                if (record.isGeneratable()) {
                    records.add(record);
                }
            }
        }
        return records.stream().map(record -> DynamicTest.dynamicTest(record.service(), () -> evaluatesAsDecided(record)));
    }

    private void evaluatesAsDecided(DecisionRecord record) throws IOException {
        NixEvaluation.Outcome outcome = nix.evaluate(record, Generated.files(record), Files.createTempDirectory(dir, record.service()));
        assertTrue(outcome.evaluated(), record.service() + " does not evaluate:\n" + outcome.output());
        JsonNode summary = outcome.summary();
        summary.path("warnings").forEach(w -> System.out.println("nix evaluation warning: " + record.service() + ": " + w.asText()));
        record.decision("port").map(RecordedDecision::value).ifPresent(port -> {
            assertEquals(port, summary.path("servicePort").asInt(), record.service() + ": the module's port");
            if (record.decision("reverseProxy").map(RecordedDecision::value).orElse(false).equals(true)) {
                assertEquals(port, summary.path("proxyPort").asInt(), record.service() + ": Caddy's backend port");
            }
            String module = record.decision("moduleName").map(d -> String.valueOf(d.value())).orElse("");
            record.decision("portOption").ifPresent(option -> assertEquals(port,
                    summary.path("nativeSettings").path(module).at("/" + String.valueOf(option.value()).replace('.', '/')).asInt(),
                    record.service() + ": the native module's " + option.value() + " in " + summary.path("nativeSettings")));
        });
        record.decision("healthCheckPath").map(RecordedDecision::value).map(String::valueOf).ifPresent(path -> {
            if (!summary.path("gatus").isNull() && !summary.path("gatus").isMissingNode()) {
                assertTrue(summary.path("gatus").path("url").asText().endsWith(path), record.service() + ": Gatus probes " + path);
            }
            if (!summary.path("homepage").isNull() && !summary.path("homepage").isMissingNode()) {
                assertTrue(summary.path("homepage").path("siteMonitor").asText().endsWith(path),
                        record.service() + ": siteMonitor probes " + path);
            }
        });
    }

    /**
     * Shapes that once generated files which did not evaluate (each fixture says what it was);
     * every one must generate and evaluate.
     */
    @TestFactory
    Stream<DynamicTest> theRegressionFixturesEvaluate() throws IOException {
        Path folder = Project.dir().resolve("src/test/resources/evaluation");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(facts -> DynamicTest.dynamicTest(facts.getFileName().toString(), () -> {
                        DecisionRecord record = Generated.record(facts, Project.defaultHostFile());
                        assertTrue(record.isGeneratable(), "the fixture generates: " + record.findings() + " " + record.questions());
                        evaluatesAsDecided(record);
                    }));
        }
    }

    /** The evaluation is not lazy about what it checks: each of these defects makes it fail. */
    @TestFactory
    Stream<DynamicTest> aDefectInTheGeneratedNixFailsTheEvaluation() {
        DecisionRecord withPreseed = Generated.record("sonarr");
        DecisionRecord wrapped = Generated.record("radarr");
        return Stream.of(
                defect("a wrong option name in the host file", withPreseed, "host", "notifications.enable = true;", "notification.enable = true;"),
                defect("the storage helpers at the path 000's prose gives", withPreseed, "module",
                        "import ../../storage/helpers-lib.nix", "import ../../../lib/storage-helpers.nix"),
                defect("mkPreseedService without its resticPaths", withPreseed, "module", "resticPaths = [ cfg.dataDir ];", ""),
                defect("syncoid restore with nothing to pull from", withPreseed, "module", "inherit replicationCfg;", "replicationCfg = null;"),
                defect("a secret the host does not declare", Generated.record("teslamate"), "host",
                        "\"teslamate/encryption_key\"", "\"teslamate/encryption-key\""),
                defect("hardening set at normal priority on the native module's unit", wrapped, "module",
                        "ProtectSystem = lib.mkDefault \"strict\";", "ProtectSystem = \"strict\";"),
                defect("the umask set at normal priority on the native module's unit", wrapped, "module",
                        "UMask = lib.mkForce \"0027\";", "UMask = \"0027\";"));
    }

    private DynamicTest defect(String name, DecisionRecord record, String which, String from, String to) {
        return DynamicTest.dynamicTest(name, () -> {
            Map<String, String> files = new java.util.LinkedHashMap<>(Generated.files(record));
            String path = which.equals("module") ? GeneratedFiles.modulePath(record) : GeneratedFiles.hostPath(record);
            String text = files.get(path);
            assertTrue(text.contains(from), record.service() + "'s " + which + " file no longer contains: " + from);
            files.put(path, text.replace(from, to));
            NixEvaluation.Outcome outcome = nix.evaluate(record, files, Files.createTempDirectory(dir, "defect"));
            assertFalse(outcome.evaluated(), name + " evaluated although it must not");
        });
    }

    @Test
    void theUnchangedFilesOfTheDefectCasesEvaluate() throws IOException {
        for (String service : List.of("sonarr", "radarr")) {
            DecisionRecord record = Generated.record(service);
            assertTrue(nix.evaluate(record, Generated.files(record), Files.createTempDirectory(dir, service)).evaluated(), service);
        }
    }
}
