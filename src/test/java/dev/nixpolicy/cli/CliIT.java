package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI as a user runs it: {@code java -jar target/nixpolicy.jar} from a folder
 * that is not the project, with the shipped rules and host found beside the jar.
 */
class CliIT {
    private static final Path PROJECT = Path.of(System.getProperty("nixpolicy.projectDir", ".")).toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("nixpolicy.jar", "target/nixpolicy.jar")).toAbsolutePath();

    record Result(int code, String out, String err) {}

    private static Result nixpolicy(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("nixpolicy", ".out");
        Path err = Files.createTempFile("nixpolicy", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // Each test's own cache of compiled edited rules, so no run depends on an earlier one.
        builder.environment().put("XDG_CACHE_HOME", workDir.resolve(".cache").toAbsolutePath().toString());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "nixpolicy finished");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void decidesAShippedExampleFromAnotherFolder(@TempDir Path elsewhere) throws Exception {
        Result run = nixpolicy(elsewhere, "decide", PROJECT.resolve("facts/dispatcharr.yaml").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("# Dispatcharr (dispatcharr): decisions and rationale\n"), run.out());
        assertTrue(run.out().contains("NIXOS PACKAGE RESEARCH:"), run.out());
        assertTrue(run.out().contains("### deployment: container"), run.out());
        assertTrue(run.out().contains("ghcr.io/dispatcharr/dispatcharr:"), run.out());
        assertTrue(run.out().contains("Rule \"container when isolation or upstream-only containers require it\""), run.out());
    }

    @Test
    void printsTheRecordAsJsonAndYaml(@TempDir Path elsewhere) throws Exception {
        Result json = nixpolicy(elsewhere, "decide", "--format", "json", PROJECT.resolve("facts/uptime-kuma.yaml").toString());
        assertEquals(0, json.code(), json.err());
        JsonNode records = new ObjectMapper().readTree(json.out());
        assertTrue(records.isArray(), "JSON is always an array of records");
        JsonNode record = records.get(0);
        assertEquals("nixpolicy/v1", record.get("apiVersion").asText());
        assertEquals("uptime-kuma", record.get("service").asText());
        assertEquals("forge", record.get("host").asText());
        assertTrue(record.get("policy").get("digest").asText().startsWith("sha256:"));
        JsonNode deployment = record.get("decisions").get("deployment");
        assertEquals("native-module", deployment.get("value").asText());
        assertEquals("native-vs-container", deployment.get("matrix").asText());
        assertTrue(deployment.get("because").size() > 0);
        assertTrue(deployment.get("source").asText().startsWith("001"));

        Result yaml = nixpolicy(elsewhere, "decide", "--format", "yaml", PROJECT.resolve("facts/uptime-kuma.yaml").toString());
        assertEquals(0, yaml.code(), yaml.err());
        assertTrue(yaml.out().contains("deployment:\n    value: native-module\n"), yaml.out());
    }

    @Test
    void aFindingOfSeverityErrorExitsOne(@TempDir Path elsewhere) throws Exception {
        Result run = nixpolicy(elsewhere, "decide", PROJECT.resolve("facts/tubearchivist.yaml").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.out().contains("error image-latest"), run.out());
    }

    @Test
    void sameInputGivesByteIdenticalOutput(@TempDir Path elsewhere) throws Exception {
        Result first = nixpolicy(elsewhere, "decide", "--format", "json", PROJECT.resolve("facts/pocketid.yaml").toString());
        Result second = nixpolicy(elsewhere, "decide", "--format", "json", PROJECT.resolve("facts/pocketid.yaml").toString());
        assertEquals(first.out(), second.out());
    }

    @Test
    void editedRulesAreCompiledByTheJarWithOneNotice(@TempDir Path elsewhere) throws Exception {
        Path edited = elsewhere.resolve("rules");
        Files.createDirectories(edited);
        try (var files = Files.list(PROJECT.resolve("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, edited.resolve(file.getFileName()));
            }
        }
        Files.writeString(edited.resolve("auth.drl"), "\n// an edit that changes no decision\n",
                java.nio.file.StandardOpenOption.APPEND);
        String facts = PROJECT.resolve("facts/pocketid.yaml").toString();

        Result compiled = nixpolicy(elsewhere, "decide", "--format", "json", "--rules", edited.toString(), facts);
        Result shipped = nixpolicy(elsewhere, "decide", "--format", "json", facts);

        assertEquals(0, compiled.code(), compiled.err());
        assertEquals(1, compiled.err().split("building edited rules", -1).length - 1,
                "one notice on stderr: " + compiled.err());
        assertTrue(shipped.err().isEmpty(), "the shipped rules load precompiled, silently: " + shipped.err());
        JsonNode fromEdited = new ObjectMapper().readTree(compiled.out()).get(0);
        JsonNode fromShipped = new ObjectMapper().readTree(shipped.out()).get(0);
        assertTrue(!fromEdited.get("policy").equals(fromShipped.get("policy")), "the record names the edited rules");
        assertEquals(fromShipped.get("decisions"), fromEdited.get("decisions"));
        assertEquals(fromShipped.get("findings"), fromEdited.get("findings"));
    }

    @Test
    void editedRulesAreCompiledOnceThenTakenFromTheCache(@TempDir Path elsewhere) throws Exception {
        Path edited = elsewhere.resolve("rules");
        Files.createDirectories(edited);
        try (var files = Files.list(PROJECT.resolve("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, edited.resolve(file.getFileName()));
            }
        }
        Files.writeString(edited.resolve("storage.drl"), Files.readString(edited.resolve("storage.drl"))
                .replace("insert(new Decision(\"compression\", \"zstd\"));", "insert(new Decision(\"compression\", \"lz4\"));"));
        String facts = PROJECT.resolve("facts/sonarr.yaml").toString();
        Result first = nixpolicy(elsewhere, "decide", "--format", "json", "--rules", edited.toString(), facts);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("building edited rules"), first.err());
        awaitCacheEntries(elsewhere, 1);
        Result second = nixpolicy(elsewhere, "decide", "--format", "json", "--rules", edited.toString(), facts);
        assertEquals(0, second.code(), second.err());
        assertEquals("", second.err(), "the second run takes the compiled rules from the cache, silently");
        assertEquals(first.out(), second.out());
        assertEquals("lz4", new ObjectMapper().readTree(second.out()).at("/0/decisions/compression/value").asText(), "the edit took effect");

        // Back to zstd, with a comment so the folder still differs from the shipped rules.
        Files.writeString(edited.resolve("storage.drl"), Files.readString(edited.resolve("storage.drl"))
                .replace("insert(new Decision(\"compression\", \"lz4\"));", "insert(new Decision(\"compression\", \"zstd\")); // edited"));
        Result third = nixpolicy(elsewhere, "decide", "--format", "json", "--rules", edited.toString(), facts);
        assertTrue(third.err().contains("building edited rules"), "an edit is built again: " + third.err());
        assertEquals("zstd", new ObjectMapper().readTree(third.out()).at("/0/decisions/compression/value").asText(),
                "and never served from the old entry");
    }

    /** Waits (minutes at most) until the background compiles have written {@code count} entries into the test's cache. */
    private static void awaitCacheEntries(Path workDir, int count) throws Exception {
        Path cache = workDir.resolve(".cache").resolve("nixpolicy");
        for (int i = 0; i < 1200; i++) {
            if (Files.isDirectory(cache)) {
                try (var entries = Files.list(cache)) {
                    if (entries.filter(e -> Files.exists(e.resolve("entry.properties"))).count() >= count) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
    }

    @Test
    void theLauncherGivesTheSameOutput(@TempDir Path elsewhere) throws Exception {
        Path launcher = JAR.resolveSibling("nixpolicy");
        assertTrue(java.nio.file.Files.isExecutable(launcher), "the build puts the launcher beside the jar");
        Path out = Files.createTempFile("launcher", ".out");
        Process process = new ProcessBuilder(launcher.toString(), "decide", "--format", "json",
                PROJECT.resolve("facts/pocketid.yaml").toString())
                .directory(elsewhere.toFile()).redirectOutput(out.toFile()).redirectErrorStream(false).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        Result plain = nixpolicy(elsewhere, "decide", "--format", "json", PROJECT.resolve("facts/pocketid.yaml").toString());
        assertEquals(plain.out(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersion(@TempDir Path elsewhere) throws Exception {
        Result help = nixpolicy(elsewhere, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("decide"), help.out());
        assertTrue(help.out().contains("Exit codes:"), help.out());
        Result version = nixpolicy(elsewhere, "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("nixpolicy 0."), version.out());
        Result decideHelp = nixpolicy(elsewhere, "decide", "--help");
        assertTrue(decideHelp.out().contains("--rules"), decideHelp.out());
    }

    @Test
    void badInputExitsTwoWithoutStackTrace(@TempDir Path elsewhere) throws Exception {
        Path facts = elsewhere.resolve("bad.yaml");
        Files.writeString(facts, "apiVersion: nixpolicy/v1\nservice: Bad_Name\ndescription: x\n");
        Result run = nixpolicy(elsewhere, "decide", facts.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("bad.yaml:2:10: service: name \"Bad_Name\" must match"), run.err());
        assertEquals("", run.out());
    }
}
