package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --out} is a jail: a symbolic link at any level below it (every folder of the three
 * generated paths, and the files themselves) is refused by generate, generate --force and
 * generate --check, naming the link, with nothing written and nothing read through it.
 */
class OutputJailTest {
    private static final String SONARR = Project.dir().resolve("facts/sonarr.yaml").toString();
    private static final String SECRET = "SECRET-MARKER-3f9c";

    /** Every component of the three paths generate writes for sonarr on the default host. */
    static final List<String> LEVELS = List.of(
            "hosts",
            "hosts/_modules",
            "hosts/_modules/nixos",
            "hosts/_modules/nixos/services",
            "hosts/_modules/nixos/services/sonarr",
            "hosts/_modules/nixos/services/sonarr/default.nix",
            "hosts/forge",
            "hosts/forge/services",
            "hosts/forge/services/sonarr.nix",
            "docs",
            "docs/services",
            "docs/services/sonarr.md");

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : List.of("generate", "--force", "--check")) {
            for (String level : LEVELS) {
                cases.add(Arguments.of(mode, level));
            }
        }
        return cases.stream();
    }

    /** Paths (links as links) and the contents of regular files, without following any link. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    seen.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    seen.put(key, Files.readString(p));
                } else {
                    seen.put(key, "/");
                }
            }
        }
        return seen;
    }

    /**
     * The link's target lies outside --out. For --force and --check it holds stale files that
     * carry nixpolicy's header and a secret line (following the link would replace them, or print
     * the secret in the diff); for plain generate the folder it points at is empty (following the
     * link would write into it) and a file link points at a generated file.
     */
    @ParameterizedTest(name = "{0} with a symbolic link at {1}")
    @MethodSource("cases")
    void aSymbolicLinkBelowOutIsRefused(String mode, String level, @TempDir Path out, @TempDir Path elsewhere)
            throws IOException {
        assertEquals(0, CliRun.of("generate", SONARR, "--out", elsewhere.toString()).exitCode());
        try (Stream<Path> walk = Files.walk(elsewhere)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, Files.readString(file) + "# " + SECRET + "\n");
            }
        }
        Path pointedAt = elsewhere.resolve(level);
        if (mode.equals("generate") && Files.isDirectory(pointedAt)) {
            pointedAt = Files.createDirectories(elsewhere.resolve("empty"));
        }
        Path link = out.resolve(level);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, pointedAt);
        Map<String, String> outBefore = snapshot(out);
        Map<String, String> elsewhereBefore = snapshot(elsewhere);

        List<String> args = new ArrayList<>(List.of("generate", SONARR, "--out", out.toString()));
        if (!mode.equals("generate")) {
            args.add(mode);
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("nixpolicy: " + link + ": is a symbolic link;"), run.err());
        assertTrue(run.err().contains("nothing written"), run.err());
        assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), "nothing is read through the link: " + run.out());
        assertEquals("", run.out());
        assertEquals(outBefore, snapshot(out), "nothing written under --out");
        assertEquals(elsewhereBefore, snapshot(elsewhere), "nothing written where the link points");
    }

    @Test
    void outItselfMayBeASymbolicLink(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path out = Files.createSymbolicLink(dir.resolve("out"), real);
        CliRun run = CliRun.of("generate", SONARR, "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(real.resolve("hosts/_modules/nixos/services/sonarr/default.nix"), LinkOption.NOFOLLOW_LINKS));
        CliRun check = CliRun.of("generate", SONARR, "--out", out.toString(), "--check");
        assertEquals(0, check.exitCode(), check.err());
        CliRun force = CliRun.of("generate", SONARR, "--out", out.toString(), "--force");
        assertEquals(0, force.exitCode(), force.err());
        assertTrue(force.out().contains("0 changed"), force.out());
    }

    @Test
    void aLinkElsewhereBelowOutIsNoConcernOfGenerate(@TempDir Path out, @TempDir Path elsewhere) throws IOException {
        Files.createDirectories(out.resolve("hosts"));
        Files.createSymbolicLink(out.resolve("hosts/other"), elsewhere);
        CliRun run = CliRun.of("generate", SONARR, "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), snapshot(elsewhere).keySet().stream().filter(k -> !k.isEmpty()).toList());
    }
}
