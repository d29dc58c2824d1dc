package dev.nixpolicy.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpolicy.facts.EngineFacts;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.Fact;
import dev.nixpolicy.facts.FactsSchema;
import dev.nixpolicy.facts.Unknown;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fact paths and observation codes are strings in DRL, so a misspelt one never matches and
 * nothing else would say so: every path a rule names must be one the facts contract has, and
 * every observation code a rule reads must be one some rule writes.
 */
class RuleVocabularyTest {
    /** A whole literal path; a path put together in the rule ("upstream." + …) is not checked here. */
    private static final Pattern PATH = Pattern.compile("(?:Fact|Unknown)\\(path == \"([^\"]+)\"\\s*[,)]");
    private static final Pattern PATH_IN = Pattern.compile("(?:Fact|Unknown)\\(path in \\(([^)]*)\\)");
    private static final Pattern READ_CODE = Pattern.compile("Observation\\(code (?:==|in \\() ?(\"[^)]*)");
    private static final Pattern WRITTEN_CODE = Pattern.compile("new Observation\\(\"([a-z0-9-]+)\"\\s*[,)]");
    /** A code put together in the rule ("storage-" + the kind) covers every code with that start. */
    private static final Pattern WRITTEN_PREFIX = Pattern.compile("new Observation\\(\"([a-z0-9-]+)\"\\s*\\+");

    @Test
    void everyFactPathARuleNamesIsInTheContract() throws Exception {
        Set<String> known = contractPaths();
        List<String> unknown = new ArrayList<>();
        for (Path drl : drlFiles()) {
            String text = Files.readString(drl);
            List<String> named = new ArrayList<>();
            Matcher path = PATH.matcher(text);
            while (path.find()) {
                named.add(path.group(1));
            }
            Matcher in = PATH_IN.matcher(text);
            while (in.find()) {
                Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(in.group(1));
                while (quoted.find()) {
                    named.add(quoted.group(1));
                }
            }
            named.stream().filter(p -> !known.contains(p)).forEach(p -> unknown.add(drl.getFileName() + ": " + p));
        }
        assertTrue(unknown.isEmpty(), "fact paths no facts file can have (misspelt?): " + unknown + "\nknown: " + known);
    }

    @Test
    void everyObservationARuleReadsSomeRuleWrites() throws Exception {
        Set<String> written = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        Set<String> read = new TreeSet<>();
        for (Path drl : drlFiles()) {
            String text = Files.readString(drl);
            Matcher w = WRITTEN_CODE.matcher(text);
            while (w.find()) {
                written.add(w.group(1));
            }
            Matcher prefix = WRITTEN_PREFIX.matcher(text);
            while (prefix.find()) {
                prefixes.add(prefix.group(1));
            }
            Matcher r = READ_CODE.matcher(text);
            while (r.find()) {
                Matcher quoted = Pattern.compile("\"([a-z0-9-]+)\"").matcher(r.group(1));
                while (quoted.find()) {
                    read.add(quoted.group(1));
                }
            }
        }
        Set<String> unwritten = new TreeSet<>(read);
        unwritten.removeAll(written);
        unwritten.removeIf(code -> prefixes.stream().anyMatch(code::startsWith));
        assertTrue(unwritten.isEmpty(), "observation codes rules read but no rule writes (misspelt?): " + unwritten + "; written: " + written);
    }

    /** Every path the loader can hand the engine: the schema's leaves and mappings, and those of a loaded host. */
    private static Set<String> contractPaths() throws Exception {
        Set<String> paths = new TreeSet<>();
        walk("", FactsSchema.service(), paths);
        for (Object fact : EngineFacts.of(new FactsLoader().loadService(Project.dir().resolve("facts/sonarr.yaml")), Project.defaultHost())) {
            if (fact instanceof Fact f) {
                paths.add(f.getPath());
            } else if (fact instanceof Unknown u) {
                paths.add(u.getPath());
            }
        }
        for (String hostPath : List.of("host.uidRange", "host.nfsMounts", "host.backupRepository", "host.podmanNetwork", "host.tunnel")) {
            paths.add(hostPath);
        }
        return paths;
    }

    private static void walk(String prefix, JsonNode schema, Set<String> out) {
        if (schema.has("anyOf")) {
            schema.get("anyOf").forEach(option -> walk(prefix, option, out));
        }
        if (schema.has("properties")) {
            schema.get("properties").fields().forEachRemaining(field -> {
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                out.add(path);
                walk(path, field.getValue(), out);
            });
        }
        if (schema.has("$ref") && schema.get("$ref").asText().startsWith("#/$defs/")) {
            // Definitions are walked where they are used; the schema inlines what the rules read.
        }
    }

    private static List<Path> drlFiles() throws Exception {
        try (var files = Files.list(Project.rules())) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
        }
    }
}
