package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.DecisionKey;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.testing.Generated;
import dev.nixpolicy.testing.NixEvaluation;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every decision key overridden with injection payloads: the loader refuses the value, or the
 * generated Nix keeps every payload inside a literal. Checked on Nix's own parse tree: after
 * the string literals (but not their interpolations) are taken out of
 * {@code nix-instantiate --parse}'s output, the payloads' marker must be gone.
 */
class InjectionTest {
    private static final String MARKER = "PWNED";
    private static final List<String> PAYLOADS = List.of(
            "x\"; " + MARKER + " = true; y = \"",
            "${" + MARKER + "}",
            "pkgs.sonarr; " + MARKER + " = true; x = pkgs.sonarr",
            "''; " + MARKER + " = true; x = ''",
            "x\n" + MARKER + " = true;",
            "x\\\"; " + MARKER + " = 1; #");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void noOverrideValueLeavesItsLiteral() throws Exception {
        String nix = onPath("nix-instantiate");
        int refused = 0;
        int rendered = 0;
        List<String> leaks = new ArrayList<>();
        List<String> crashes = new ArrayList<>();
        for (String example : List.of("sonarr", "teslamate")) {
            for (DecisionKey key : DecisionKey.values()) {
                for (String payload : PAYLOADS) {
                    Object value = switch (key.kind()) {
                        case LIST -> List.of(payload, "a");
                        case MAP -> Map.of(payload, payload);
                        default -> payload;
                    };
                    Path facts = withOverride(example, key.key(), value);
                    ServiceFacts loaded;
                    try {
                        loaded = new FactsLoader().loadService(facts);
                    } catch (BadInputException refusedAsBadInput) {
                        refused++;
                        continue;
                    }
                    DecisionRecord record;
                    Map<String, String> files;
                    try {
                        record = new Pipeline(Project.shippedPolicy())
                                .decide(loaded, Project.defaultHost(), facts.getFileName().toString());
                        if (!record.isGeneratable()) {
                            continue;
                        }
                        files = Generated.files(record);
                    } catch (BadRulesException | RuntimeException accepted) {
                        crashes.add(example + ": override " + key.key() + " = " + payload.replace("\n", "\\n") + ": " + accepted);
                        continue;
                    }
                    rendered++;
                    List<Path> nixFiles = new ArrayList<>();
                    for (Map.Entry<String, String> file : files.entrySet()) {
                        if (file.getKey().endsWith(".nix")) {
                            Path out = dir.resolve("case-" + rendered).resolve(file.getKey());
                            Files.createDirectories(out.getParent());
                            Files.writeString(out, file.getValue());
                            nixFiles.add(out);
                        }
                    }
                    String tree = parse(nix, nixFiles);
                    if (withoutStringLiterals(tree).contains(MARKER)) {
                        leaks.add(example + ": override " + key.key() + " = " + payload.replace("\n", "\\n"));
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), "payloads that left their literal: " + leaks);
        assertTrue(crashes.isEmpty(), "override values accepted as input but failing later: " + String.join("\n", crashes));
        assertTrue(refused > 0 && rendered > 0, "refused " + refused + ", rendered " + rendered);
    }

    /** Nix keywords are fine service and package names (they are quoted), not parse errors. */
    @Test
    @SuppressWarnings("unchecked")
    void keywordsAsServiceAndPackageNamesParse() throws Exception {
        String nix = onPath("nix-instantiate");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = YAML.readValue(Project.dir().resolve("facts/sonarr.yaml").toFile(), LinkedHashMap.class);
        facts.put("service", "let");
        @SuppressWarnings("unchecked")
        Map<String, Object> nixpkgs = (Map<String, Object>) ((Map<String, Object>) facts.get("packaging")).get("nixpkgs");
        for (String channel : List.of("stable", "unstable")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) nixpkgs.get(channel);
            entry.put("package", "in");
        }
        Map<String, Object> moduleOptions = new LinkedHashMap<>();
        moduleOptions.put("port", "settings.in.port");
        moduleOptions.put("user", "user");
        moduleOptions.put("group", "group");
        moduleOptions.put("dataDir", "dataDir");
        ((Map<String, Object>) facts.get("packaging")).put("moduleOptions", moduleOptions);
        Path file = dir.resolve("let.yaml");
        YAML.writeValue(file.toFile(), facts);
        DecisionRecord record = new Pipeline(Project.shippedPolicy())
                .decide(new FactsLoader().loadService(file), Project.defaultHost(), "let.yaml");
        assertTrue(record.isGeneratable(), record.findings() + " " + record.questions());
        List<Path> nixFiles = new ArrayList<>();
        for (Map.Entry<String, String> generated : Generated.files(record).entrySet()) {
            if (generated.getKey().endsWith(".nix")) {
                Path out = dir.resolve("keywords").resolve(generated.getKey());
                Files.createDirectories(out.getParent());
                Files.writeString(out, generated.getValue());
                nixFiles.add(out);
            }
        }
        parse(nix, nixFiles);
        String module = Files.readString(nixFiles.get(0));
        for (String quoted : List.of("services.\"in\" = {", "options.modules.services.\"let\" = {", "settings.\"in\".port = cfg.port;")) {
            assertTrue(module.contains(quoted), "expected «" + quoted + "»\n" + module);
        }
    }

    @Test
    void theStripperKeepsInterpolationsAndDropsLiterals() {
        assertEquals("{ a = ; b = ${x}; }", withoutStringLiterals("{ a = \"PWNED\\\"\"; b = \"a${x}b\"; }"));
        assertFalse(withoutStringLiterals("{ a = \"\\${PWNED}\"; }").contains(MARKER));
        assertTrue(withoutStringLiterals("{ a = \"${PWNED}\"; }").contains(MARKER));
    }

    private Path withOverride(String example, String key, Object value) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = YAML.readValue(Project.dir().resolve("facts/" + example + ".yaml").toFile(), LinkedHashMap.class);
        Map<String, Object> override = new LinkedHashMap<>();
        override.put("decision", key);
        override.put("value", value);
        override.put("reason", "injection probe");
        facts.put("overrides", List.of(override));
        Path file = Files.createTempFile(dir, example + "-" + key, ".yaml");
        YAML.writeValue(file.toFile(), facts);
        return file;
    }

    private static String onPath(String program) {
        String nix = NixEvaluation.nixInstantiateOrNull();
        Assumptions.assumeTrue(nix != null, program + " is not installed: injection not checked on the parse tree");
        return nix;
    }

    private static String parse(String nix, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(nix, "--parse"));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "generated Nix does not parse:\n" + out);
        return out;
    }

    /**
     * Nix's normalized output with every double-quoted string's literal text removed; the code
     * of its interpolations stays (an unescaped {@code ${…}} is code, not text).
     */
    static String withoutStringLiterals(String tree) {
        StringBuilder code = new StringBuilder();
        int[] at = {0};
        copyCode(tree, at, code, false);
        return code.toString();
    }

    private static void copyCode(String text, int[] at, StringBuilder code, boolean untilBrace) {
        int depth = 0;
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]);
            if (c == '"') {
                at[0]++;
                skipString(text, at, code);
                continue;
            }
            if (untilBrace) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        at[0]++;
                        return;
                    }
                    depth--;
                }
            }
            code.append(c);
            at[0]++;
        }
    }

    private static void skipString(String text, int[] at, StringBuilder code) {
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]);
            if (c == '\\') {
                at[0] += 2;
            } else if (c == '"') {
                at[0]++;
                return;
            } else if (c == '$' && at[0] + 1 < text.length() && text.charAt(at[0] + 1) == '{') {
                at[0] += 2;
                code.append("${");
                copyCode(text, at, code, true);
                code.append('}');
            } else {
                at[0]++;
            }
        }
    }
}
