package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution zip as a user installs it: unpacked somewhere, its launcher linked from a
 * folder on the PATH, and run from a working directory that is neither, on facts kept in a
 * third place.
 */
class DistributionIT {
    private static final Path PROJECT = Path.of(System.getProperty("nixpolicy.projectDir", ".")).toAbsolutePath();
    private static final Path ZIP = Path.of(System.getProperty("nixpolicy.distribution", "target/nixpolicy-0.1.0.zip")).toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path installed;

    /** The unpacked distribution folder, nixpolicy-VERSION. */
    private static Path distribution;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void unpack() throws IOException {
        assertTrue(Files.isRegularFile(ZIP), "the build made " + ZIP);
        // The zip file system reads the Unix modes the zip stores, as unzip does.
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + ZIP.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            Path root = zip.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : entries.toList()) {
                    Path target = installed.resolve(root.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        // With its time stamps, as unzip keeps them: the launcher compares the
                        // rule files' with the jar's.
                        Files.copy(entry, target, StandardCopyOption.COPY_ATTRIBUTES);
                        Files.setPosixFilePermissions(target,
                                Files.getFileAttributeView(entry, PosixFileAttributeView.class).readAttributes().permissions());
                    }
                }
            }
        }
        try (Stream<Path> top = Files.list(installed)) {
            List<Path> folders = top.toList();
            assertEquals(1, folders.size(), "one top folder: " + folders);
            distribution = folders.get(0);
        }
        assertEquals(ZIP.getFileName().toString().replaceFirst("\\.zip$", ""), distribution.getFileName().toString());
    }

    @Test
    void holdsTheLauncherJarRulesTemplatesHostDocsCompletionAndManPage() throws IOException {
        Path launcher = distribution.resolve("bin/nixpolicy");
        assertTrue(Files.getPosixFilePermissions(launcher).containsAll(
                Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE)),
                "the launcher is executable");
        for (String file : List.of("lib/nixpolicy.jar", "rules/ports.drl", "templates/module.nix.mustache",
                "templates/facts-skeleton.yaml", "facts/hosts/forge.yaml", "facts/sonarr.yaml", "docs/facts-reference.md",
                "docs/facts.schema.json", "docs/host.schema.json", "share/man/man1/nixpolicy.1", "README.md")) {
            assertTrue(Files.isRegularFile(distribution.resolve(file)), file);
        }
        try (Stream<Path> rules = Files.list(distribution.resolve("rules"))) {
            assertTrue(rules.allMatch(f -> f.toString().endsWith(".drl")), "the rules folder holds the DRL only");
        }
        String completion = Files.readString(distribution.resolve("share/bash-completion/completions/nixpolicy"));
        for (String command : List.of("decide", "generate", "impact", "test", "schema", "init")) {
            assertTrue(completion.contains("_picocli_nixpolicy_" + command), command);
        }
    }

    @Test
    void decidesThroughASymbolicLinkFromAnyWorkingDirectory(@TempDir Path user) throws Exception {
        Path facts = Files.createDirectories(user.resolve("facts"));
        Files.copy(PROJECT.resolve("facts/sonarr.yaml"), facts.resolve("sonarr.yaml"));
        // ~/bin/nixpolicy -> (relative) ../links/np -> (absolute) the distribution's launcher
        Path links = Files.createDirectories(user.resolve("links"));
        Files.createSymbolicLink(links.resolve("np"), distribution.resolve("bin/nixpolicy"));
        Path bin = Files.createDirectories(user.resolve("bin"));
        Path command = Files.createSymbolicLink(bin.resolve("nixpolicy"), Path.of("../links/np"));
        // Not a sibling of bin/: from here ../links/np names nothing, so a launcher that resolved
        // the relative link against the working directory instead of the link's folder fails.
        Path elsewhere = Files.createDirectories(user.resolve("projects/elsewhere"));

        Result run = run(elsewhere, command.toString(), "decide", facts.resolve("sonarr.yaml").toString());

        assertTrue(run.code() == 0 || run.code() == 1, "decided: " + run.err());
        assertTrue(run.out().startsWith("# Sonarr (sonarr): decisions and rationale\n"), run.out());
        assertTrue(run.out().contains("### deployment: native-module"), run.out());
        assertTrue(run.err().contains("assuming the example host " + distribution.resolve("facts/hosts/forge.yaml")),
                "the shipped host of the distribution, found through nixpolicy.home: " + run.err());
        assertFalse(run.err().contains("building edited rules"), "the shipped rules load precompiled: " + run.err());
    }

    @Test
    void findsItsInstallationFromARelativePathAndThroughALinkedBinFolder(@TempDir Path user) throws Exception {
        // Away from the project's facts/hosts/, so that the shipped host file is the one assumed.
        Path copy = Files.copy(PROJECT.resolve("facts/sonarr.yaml"), Files.createDirectories(user.resolve("facts")).resolve("sonarr.yaml"));
        String facts = copy.toString();
        String shippedHost = "assuming the example host " + distribution.resolve("facts/hosts/forge.yaml");
        // The launcher names its folder from its own path, without asking the file system: from
        // the distribution's folder that path is relative...
        Result relative = run(distribution, "bin/nixpolicy", "decide", facts);
        Result dotted = run(distribution.resolve("bin"), "./nixpolicy", "decide", facts);
        // ...and through a bin/ that is a link, the link's parent holds no lib/, so it asks.
        Path linkedBin = Files.createSymbolicLink(user.resolve("np-bin"), distribution.resolve("bin"));
        Result linked = run(user, linkedBin.resolve("nixpolicy").toString(), "decide", facts);

        for (Result run : List.of(relative, dotted, linked)) {
            assertTrue(run.code() == 0 || run.code() == 1, "decided: " + run.err());
            assertTrue(run.out().startsWith("# Sonarr (sonarr): decisions and rationale\n"), run.out());
            assertTrue(run.err().contains(shippedHost), "the distribution's own host file: " + run.err());
        }
    }

    @Test
    void recordsItsOwnClassDataSharingArchiveOnceAndGivesTheSameOutputWithIt(@TempDir Path elsewhere) throws Exception {
        Path archive = distribution.resolve("lib/nixpolicy.jsa");
        String launcher = distribution.resolve("bin/nixpolicy").toString();
        String facts = PROJECT.resolve("facts/pocketid.yaml").toString();

        Result first = run(elsewhere, launcher, "decide", "--format", "json", facts);
        assertTrue(Files.isRegularFile(archive), "a run that decides leaves lib/nixpolicy.jsa");
        Result second = run(elsewhere, launcher, "decide", "--format", "json", facts);

        assertEquals(0, first.code(), first.err());
        assertEquals(first.out(), second.out());
        assertEquals(first.err(), second.err());
        assertNoPartialArchive();
    }

    @Test
    void recordsASecondArchiveOnTheFirstRunWithEditedRulesAndGivesTheSameOutputWithIt(@TempDir Path work, @TempDir Path cache)
            throws Exception {
        Path archive = distribution.resolve("lib/nixpolicy-edited.jsa");
        Path rules = Files.createDirectories(work.resolve("rules"));
        try (Stream<Path> shipped = Files.list(distribution.resolve("rules"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Files.writeString(rules.resolve("storage.drl"), "// an edit\n", StandardOpenOption.APPEND);
        String launcher = distribution.resolve("bin/nixpolicy").toString();
        String facts = PROJECT.resolve("facts/pocketid.yaml").toString();
        // An empty cache, and no background compile that would still write into it as the test ends.
        Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_TOOL_OPTIONS", "-Dnixpolicy.cache.fill=off");

        Result first = run(work, environment, launcher, "decide", "--rules", rules.toString(), "--format", "json", facts);
        assertTrue(Files.isRegularFile(archive), "a first run with edited rules leaves lib/nixpolicy-edited.jsa");
        Result second = run(work, environment, launcher, "decide", "--rules", rules.toString(), "--format", "json", facts);

        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("building edited rules"), first.err());
        assertEquals(first.out(), second.out());
        assertEquals(first.err(), second.err());
        assertNoPartialArchive();
    }

    private static void assertNoPartialArchive() throws IOException {
        try (Stream<Path> lib = Files.list(distribution.resolve("lib"))) {
            List<String> names = lib.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("nixpolicy.jar"), names.toString());
            assertTrue(names.stream().allMatch(n -> n.equals("nixpolicy.jar") || n.equals("nixpolicy.jsa") || n.equals("nixpolicy-edited.jsa")),
                    "no partial archive left: " + names);
        }
    }

    @Test
    void aConfigFileAboveTheWorkingDirectoryPointsAtTheRepositorysOwnRules(@TempDir Path repo) throws Exception {
        Path rules = Files.createDirectories(repo.resolve("policy/rules"));
        try (Stream<Path> shipped = Files.list(distribution.resolve("rules"))) {
            for (Path file : shipped.toList()) {
                // An edit every rationale shows: the policy source of each rule.
                Files.writeString(rules.resolve(file.getFileName()),
                        Files.readString(file).replace("@source(\"", "@source(\"edited copy: "));
            }
        }
        Files.createDirectories(repo.resolve("hosts"));
        Files.copy(PROJECT.resolve("facts/hosts/forge.yaml"), repo.resolve("hosts/forge.yaml"));
        Files.writeString(repo.resolve(".nixpolicy.yaml"), "rules: policy/rules\nhost: hosts/forge.yaml\n");
        Files.copy(PROJECT.resolve("facts/sonarr.yaml"), repo.resolve("sonarr.yaml"));
        Path below = Files.createDirectories(repo.resolve("docs/services"));

        Result run = run(below, distribution.resolve("bin/nixpolicy").toString(), "decide", "../../sonarr.yaml");

        assertTrue(run.code() == 0 || run.code() == 1, "decided: " + run.err());
        assertTrue(run.out().contains("edited copy: 001"), "the edited rules decided: " + run.out());
        assertEquals(1, run.err().split("building edited rules", -1).length - 1, "one notice: " + run.err());
        assertFalse(run.err().contains("assuming the example host"), "the host is the one the config names: " + run.err());
    }

    @Test
    void anUnknownKeyInTheConfigFileIsBadInputWithItsLocation(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve(".nixpolicy.yaml"), "rules: policy/rules\nhosts: forge.yaml\n");
        Files.copy(PROJECT.resolve("facts/sonarr.yaml"), repo.resolve("sonarr.yaml"));

        Result run = run(repo, distribution.resolve("bin/nixpolicy").toString(), "decide", "sonarr.yaml");

        assertEquals(2, run.code(), run.err());
        assertEquals("nixpolicy: " + repo.resolve(".nixpolicy.yaml") + ":2:1: unknown key 'hosts'; known keys: rules, templates, host\n",
                run.err());
        assertEquals("", run.out());
    }

    private static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(workDir, Map.of(), command);
    }

    private static Result run(Path workDir, Map<String, String> environment, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("nixpolicy", ".out");
        Path err = Files.createTempFile("nixpolicy", ".err");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA", JAVA);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "nixpolicy finished");
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
