package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/facts-reference.md names every key of the contract and the rule sets that really read it. */
class FactsReferenceTest {
    private static final Path REFERENCE = Project.dir().resolve("docs/facts-reference.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|.*\\| ([^|]+) \\|$");

    @Test
    void everyKeyOfTheContractIsDocumented() throws IOException {
        Set<String> documented = documentedPaths().keySet();
        List<String> missing = new ArrayList<>();
        for (String path : contractPaths("", ServiceFacts.class)) {
            if (documented.stream().noneMatch(d -> d.equals(path) || path.startsWith(d + ".") || d.startsWith(path + "["))) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "keys of the contract missing from docs/facts-reference.md: " + missing);
    }

    /** The column names the rule sets that read the key or any key under it. */
    @Test
    void theReadByColumnIsWhatTheRulesRead() throws IOException {
        Map<String, Set<String>> read = readByRules();
        List<String> wrong = new ArrayList<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches() || !row.group(1).contains(".") || row.group(1).startsWith("overrides")) {
                continue;
            }
            String[] parts = row.group(1).split(" / ");
            String parent = parts[0].substring(0, parts[0].lastIndexOf('.'));
            Set<String> expected = new TreeSet<>();
            for (String part : parts) {
                String key = part.startsWith(".") ? parent + part : part;
                read.forEach((path, matrices) -> {
                    if (path.equals(key) || path.startsWith(key + ".")) {
                        expected.addAll(matrices);
                    }
                });
            }
            if (expected.isEmpty()) {
                continue;
            }
            Set<String> documented = Arrays.stream(row.group(2).split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
            if (!documented.equals(expected)) {
                wrong.add(row.group(1) + ": documented " + documented + ", the rules read it in " + expected);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Documented key (the first path of a grouped row) to its "read by" column. */
    private static Map<String, String> documentedPaths() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String key = row.group(1);
                String first = key.split(" / ")[0];
                out.put(first, row.group(2).strip());
                for (String more : key.split(" / ")) {
                    if (more.startsWith(".")) {
                        out.putIfAbsent(first.substring(0, first.lastIndexOf('.')) + more, row.group(2).strip());
                    }
                }
            }
        }
        return out;
    }

    private static List<String> contractPaths(String prefix, Class<?> type) {
        List<String> out = new ArrayList<>();
        for (RecordShape.Component c : RecordShape.of(type).components()) {
            String path = prefix.isEmpty() ? c.key() : prefix + "." + c.key();
            Class<?> inner = c.type() == Optional.class
                    ? (Class<?>) ((java.lang.reflect.ParameterizedType) c.genericType()).getActualTypeArguments()[0] : c.type();
            if (inner.isRecord() && inner != ServiceName.class && inner != ApiVersion.class && !path.equals("overrides")) {
                out.addAll(contractPaths(path, inner));
            } else {
                out.add(path);
            }
        }
        return out;
    }

    private static final Pattern PATH_LIST = Pattern.compile("path in \\(([^)]*)\\)");

    /** A {@code matches} pattern like {@code a\\.b\\.(c|d)} as the paths it names. */
    private static List<String> expand(String pattern) {
        String plain = pattern.replace("\\\\.", ".");
        Matcher alternatives = Pattern.compile("^(.*)\\(([^)]*)\\)$").matcher(plain);
        if (!alternatives.matches()) {
            return List.of(plain);
        }
        return Arrays.stream(alternatives.group(2).split("\\|")).map(a -> alternatives.group(1) + a).toList();
    }

    /** Fact path to the matrices of the rules that name it (path ==, path in, path matches). */
    private static Map<String, Set<String>> readByRules() throws IOException {
        Pattern rule = Pattern.compile("rule \"[^\"]+\"(.*?)\\nend", Pattern.DOTALL);
        Pattern matrix = Pattern.compile("@matrix\\(\"([^\"]+)\"\\)");
        Pattern path = Pattern.compile("path (?:==|matches) \"([^\"]+)\"");
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(Project.rules())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Matcher r = rule.matcher(Files.readString(file));
                while (r.find()) {
                    Matcher m = matrix.matcher(r.group(1));
                    String name = m.find() ? m.group(1) : "?";
                    Matcher p = path.matcher(r.group(1));
                    while (p.find()) {
                        for (String read : expand(p.group(1))) {
                            out.computeIfAbsent(read, k -> new TreeSet<>()).add(name);
                        }
                    }
                    Matcher list = PATH_LIST.matcher(r.group(1));
                    while (list.find()) {
                        Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
                        while (quoted.find()) {
                            out.computeIfAbsent(quoted.group(1), k -> new TreeSet<>()).add(name);
                        }
                    }
                }
            }
        }
        return out;
    }
}
