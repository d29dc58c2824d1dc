package dev.nixpolicy.testing;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.DrlFolder;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project under test: its folders, its shipped rules compiled once per test JVM, its examples. */
public final class Project {
    private static CompiledPolicy shippedPolicy;

    private Project() {}

    public static Path dir() {
        return Path.of(System.getProperty("nixpolicy.projectDir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Path rules() { return dir().resolve("rules"); }

    public static Path templates() { return dir().resolve("templates"); }

    public static Path defaultHostFile() { return dir().resolve("facts/hosts/forge.yaml"); }

    public static synchronized CompiledPolicy shippedPolicy() {
        if (shippedPolicy == null) {
            try {
                shippedPolicy = new DrlFolder(rules(), "rules").load();
            } catch (BadRulesException e) {
                throw new AssertionError("the shipped rules must load:\n" + e.getMessage(), e);
            }
        }
        return shippedPolicy;
    }

    public static HostFacts defaultHost() {
        try {
            return new FactsLoader().loadHost(defaultHostFile());
        } catch (BadInputException e) {
            throw new AssertionError("the shipped host file must load: " + e.getMessage(), e);
        }
    }

    /** Every service facts file in facts/, discovered, in name order. */
    public static List<Path> examples() {
        try (Stream<Path> files = Files.list(dir().resolve("facts"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")
                    && !f.getFileName().toString().endsWith(".expected.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the shipped rules in {@code dir}/rules, for tests that edit rules. */
    public static Path copyOfRules(Path dir) {
        try {
            Path copy = Files.createDirectories(dir.resolve("rules"));
            try (Stream<Path> files = Files.list(rules())) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every matrix case file kept beside the rules, in name order. */
    public static List<Path> caseFiles() {
        try (Stream<Path> files = Files.list(rules())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cases.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
