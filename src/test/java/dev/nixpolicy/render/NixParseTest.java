package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nixpolicy.testing.Generated;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated .nix file of every example parses with {@code nix-instantiate --parse}.
 * Without Nix on the machine the test reports itself skipped; with
 * {@code NIXPOLICY_REQUIRE_NIX=1} (as CI sets it) a missing Nix is a failure.
 */
class NixParseTest {
    private static String nixInstantiate;

    @BeforeAll
    static void findNix() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "nix-instantiate");
            if (Files.isExecutable(candidate)) {
                nixInstantiate = candidate.toString();
                return;
            }
        }
        if ("1".equals(System.getenv("NIXPOLICY_REQUIRE_NIX"))) {
            fail("nix-instantiate is not on PATH but NIXPOLICY_REQUIRE_NIX=1 (install the Debian package nix-bin)");
        }
        Assumptions.abort("nix-instantiate is not installed (Debian package nix-bin): Nix syntax not checked");
    }

    @Test
    void everyGeneratedNixFileParses(@TempDir Path dir) throws Exception {
        int checked = 0;
        for (Path example : Project.examples()) {
            if (Generated.record(example).hasErrors()) {
                continue;
            }
            for (Map.Entry<String, String> file : Generated.files(example.getFileName().toString().replace(".yaml", "")).entrySet()) {
                if (!file.getKey().endsWith(".nix")) {
                    continue;
                }
                Path nix = dir.resolve(file.getKey());
                Files.createDirectories(nix.getParent());
                Files.writeString(nix, file.getValue());
                assertParses(nix);
                checked++;
            }
        }
        assertTrue(checked >= 20, "checked " + checked + " files");
    }

    @Test
    void hostileTextStillParses(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, String> file : EscapingTest.hostileFiles(dir).entrySet()) {
            if (file.getKey().endsWith(".nix")) {
                Path nix = dir.resolve(file.getKey());
                Files.createDirectories(nix.getParent());
                Files.writeString(nix, file.getValue());
                assertParses(nix);
            }
        }
    }

    @Test
    void realRepositoryFilesParse(@TempDir Path dir) throws Exception {
        for (Map<String, String> files : EscapingTest.realRepositoryFiles(dir).values()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                if (file.getKey().endsWith(".nix")) {
                    Path nix = dir.resolve(file.getKey());
                    Files.createDirectories(nix.getParent());
                    Files.writeString(nix, file.getValue());
                    assertParses(nix);
                }
            }
        }
    }

    @Test
    void aBrokenFileIsCaught(@TempDir Path dir) throws Exception {
        Path nix = dir.resolve("broken.nix");
        Files.writeString(nix, "{ x = \"unterminated; }\n");
        assertEquals(1, parse(nix).exit(), "nix-instantiate rejects broken Nix");
    }

    record Parse(int exit, String output) {}

    static Parse parse(Path nix) throws IOException, InterruptedException {
        Path output = Files.createTempFile("nix-parse", ".txt");
        Process process = new ProcessBuilder(List.of(nixInstantiate, "--parse", nix.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Parse(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    static void assertParses(Path nix) throws IOException, InterruptedException {
        Parse result = parse(nix);
        assertEquals(0, result.exit(), nix + " does not parse:\n" + result.output() + "\n" + Files.readString(nix));
    }
}
