package dev.nixpolicy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Evaluates a service's generated module and host file with nixpkgs' {@code lib.evalModules},
 * beside the stub repository in {@code src/test/nix} (the shared types, storage helpers,
 * forgeDefaults and the infrastructure options, written to the repository's interfaces).
 * nixpkgs' lib comes from {@code <nixpkgs/lib>} when {@code NIX_PATH} has it, else from
 * {@code NIXPOLICY_NIXPKGS_LIB}; without either (or without Nix) the calling test is skipped,
 * unless {@code NIXPOLICY_REQUIRE_NIX=1}, where that is a failure.
 */
public final class NixEvaluation {
    private static final Path HARNESS = Project.dir().resolve("src/test/nix");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The secrets the host's own files declare, which forgeDefaults reads (the preseed's restic password). */
    private static final List<String> HOST_SECRETS = List.of("restic/password");

    private final String nixInstantiate;
    private final String nixpkgsLib;

    private NixEvaluation(String nixInstantiate, String nixpkgsLib) {
        this.nixInstantiate = nixInstantiate;
        this.nixpkgsLib = nixpkgsLib;
    }

    /** Whether this machine can evaluate (Nix and nixpkgs' lib), without skipping or failing the caller. */
    public static boolean isAvailable() {
        return onPath("nix-instantiate").flatMap(NixEvaluation::nixpkgsLib).isPresent();
    }

    /** The evaluator of this machine, or the test is skipped (failed when CI requires Nix). */
    public static NixEvaluation onThisMachine() {
        boolean required = "1".equals(System.getenv("NIXPOLICY_REQUIRE_NIX"));
        Optional<String> nix = onPath("nix-instantiate");
        if (nix.isEmpty()) {
            return unavailable(required, "nix-instantiate is not on PATH (install the Debian package nix-bin)");
        }
        Optional<String> lib = nixpkgsLib(nix.get());
        if (lib.isEmpty()) {
            return unavailable(required, "nixpkgs' lib is neither <nixpkgs/lib> on NIX_PATH nor NIXPOLICY_NIXPKGS_LIB");
        }
        return new NixEvaluation(nix.get(), lib.get());
    }

    private static NixEvaluation unavailable(boolean required, String why) {
        if (required) {
            fail(why + ", but NIXPOLICY_REQUIRE_NIX=1");
        }
        Assumptions.abort(why + ": generated Nix not evaluated");
        return null;
    }

    /**
     * nix-instantiate on PATH, or null without it; with {@code NIXPOLICY_REQUIRE_NIX=1} (CI) a
     * missing one fails the caller instead.
     */
    public static String nixInstantiateOrNull() {
        Optional<String> nix = onPath("nix-instantiate");
        if (nix.isEmpty() && "1".equals(System.getenv("NIXPOLICY_REQUIRE_NIX"))) {
            throw new AssertionError("nix-instantiate is not on PATH but NIXPOLICY_REQUIRE_NIX=1 (install the Debian package nix-bin)");
        }
        return nix.orElse(null);
    }

    private static Optional<String> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nixpkgsLib(String nix) {
        try {
            Process probe = new ProcessBuilder(nix, "--eval", "--expr", "builtins.toString <nixpkgs/lib>")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return Optional.of("<nixpkgs/lib>");
            }
        } catch (IOException | InterruptedException e) {
            // fall through to the environment variable
        }
        String fromEnvironment = System.getenv("NIXPOLICY_NIXPKGS_LIB");
        if (fromEnvironment != null && Files.isRegularFile(Path.of(fromEnvironment, "default.nix"))) {
            return Optional.of(Path.of(fromEnvironment).toAbsolutePath().toString());
        }
        return Optional.empty();
    }

    /** The outcome of one evaluation: the harness's summary when it evaluated, else Nix's message. */
    public record Outcome(int exit, JsonNode summary, String output) {
        public boolean evaluated() {
            return exit == 0;
        }
    }

    /** Lays out the stub repository with the generated files in {@code dir} and evaluates them. */
    public Outcome evaluate(DecisionRecord record, Map<String, String> files, Path dir) {
        try {
            Path repo = dir.resolve("repo");
            copyTree(HARNESS.resolve("repo"), repo);
            for (Map.Entry<String, String> file : files.entrySet()) {
                if (file.getKey().endsWith(".nix")) {
                    Path target = repo.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue());
                }
            }
            return run(repo, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Evaluates a repository tree that already holds the service's files (for tests that change them). */
    public Outcome run(Path repo, DecisionRecord record) {
        List<String> command = new ArrayList<>(List.of(nixInstantiate, "--eval", "--strict", "--json",
                HARNESS.resolve("evaluate.nix").toString(),
                "--arg", "nixpkgsLib", nixpkgsLib.startsWith("<") ? nixpkgsLib : nixPath(nixpkgsLib),
                "--arg", "repo", nixPath(repo.toAbsolutePath().toString()),
                "--argstr", "service", record.service(),
                "--argstr", "host", record.host(),
                "--arg", "packages", nixList(packages(record)),
                "--arg", "nativeModules", nativeModules(record),
                "--arg", "secrets", nixList(secrets(record))));
        try {
            Path output = Files.createTempFile("nix-eval", ".txt");
            Path errors = Files.createTempFile("nix-eval", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("nix-instantiate did not finish within 300 s for " + record.service());
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            String err = Files.readString(errors, StandardCharsets.UTF_8);
            Files.delete(output);
            Files.delete(errors);
            JsonNode summary = process.exitValue() == 0 ? JSON.readTree(out) : null;
            return new Outcome(process.exitValue(), summary, err + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The nixpkgs attributes the module reads ({@code pkgs.unstable.plex} is {@code unstable.plex}). */
    static List<String> packages(DecisionRecord record) {
        return record.decision("packageAttr").map(RecordedDecision::value).map(String::valueOf)
                .map(attr -> List.of(attr.replaceFirst("^pkgs\\.", ""))).orElse(List.of());
    }

    /** A stub of the native module the wrapper enables, declaring the options the facts say it has. */
    static String nativeModules(DecisionRecord record) {
        if (!"native-module".equals(record.decision("deployment").map(RecordedDecision::value).orElse(null))) {
            return "[ ]";
        }
        String module = String.valueOf(record.decision("moduleName").map(RecordedDecision::value).orElseThrow());
        List<String> options = new ArrayList<>();
        for (String option : List.of("portOption", "userOption", "groupOption", "dataDirOption")) {
            record.decision(option).map(RecordedDecision::value).map(String::valueOf).ifPresent(options::add);
        }
        // Upstream hardening and permissions that differ from the policy's, as nixpkgs modules set
        // them at normal priority: the wrapper must use the priority the rules decided.
        return "[ { name = " + nixString(module) + "; options = " + nixList(options) + ";"
                + " serviceConfig = { UMask = \"0077\"; ProtectSystem = \"full\"; StateDirectory = " + nixString(module) + "; }; } ]";
    }

    /** Exactly the SOPS secrets the record names, and the host's own. */
    static List<String> secrets(DecisionRecord record) {
        TreeSet<String> names = new TreeSet<>(HOST_SECRETS);
        record.decision("secrets").map(RecordedDecision::value).filter(List.class::isInstance)
                .ifPresent(list -> ((List<?>) list).forEach(s -> names.add(String.valueOf(s))));
        for (String key : List.of("databasePasswordSecret", "mqttPasswordSecret", "oidcClientSecret")) {
            record.decision(key).map(RecordedDecision::value).ifPresent(s -> names.add(String.valueOf(s)));
        }
        return List.copyOf(names);
    }

    private static String nixList(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (String item : items) {
            out.append(' ').append(nixString(item));
        }
        return out.append(" ]").toString();
    }

    private static String nixString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${") + "\"";
    }

    /** A Nix path literal for an absolute path (Nix paths cannot be quoted, so refuse what needs quoting). */
    private static String nixPath(String path) {
        if (!path.matches("/[A-Za-z0-9._+/-]+")) {
            throw new IllegalArgumentException("not a plain absolute path: " + path);
        }
        return path;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
