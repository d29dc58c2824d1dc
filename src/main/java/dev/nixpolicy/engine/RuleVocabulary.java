package dev.nixpolicy.engine;

import dev.nixpolicy.facts.FactPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fact paths and observation codes are strings in DRL, so a misspelt one would never match and
 * nothing else would say so. When rules load, every path a rule names must be one of the facts
 * contract ({@link FactPaths}) and every observation code a rule reads must be one some rule
 * writes; each one that is not is a problem at its file and line.
 */
final class RuleVocabulary {
    /** A whole literal path; a path put together in the rule ($channel + ".package") is not checked. */
    private static final Pattern PATH = Pattern.compile("(?:Fact|Unknown)\\(\\s*path == \"([^\"]+)\"\\s*[,)]");
    private static final Pattern PATH_IN = Pattern.compile("(?:Fact|Unknown)\\(\\s*path in \\(([^)]*)\\)");
    private static final Pattern READ_CODE = Pattern.compile("Observation\\(\\s*code (?:==|in \\() ?(\"[^)]*)");
    private static final Pattern WRITTEN_CODE = Pattern.compile("new Observation\\(\"([a-z0-9-]+)\"\\s*[,)]");
    /** A code put together in the rule ("storage-" + the kind) covers every code with that start. */
    private static final Pattern WRITTEN_PREFIX = Pattern.compile("new Observation\\(\"([a-z0-9-]+)\"\\s*\\+");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private record Named(Path file, int line, String name) {}

    private RuleVocabulary() {}

    static List<String> problems(List<Path> files) {
        Set<String> known = FactPaths.known();
        List<Named> paths = new ArrayList<>();
        List<Named> readCodes = new ArrayList<>();
        Set<String> written = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                continue;
            }
            String code = withoutComments(text);
            collect(file, code, PATH, false, paths);
            collect(file, code, PATH_IN, true, paths);
            collect(file, code, READ_CODE, true, readCodes);
            Matcher w = WRITTEN_CODE.matcher(code);
            while (w.find()) {
                written.add(w.group(1));
            }
            Matcher p = WRITTEN_PREFIX.matcher(code);
            while (p.find()) {
                prefixes.add(p.group(1));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Named path : paths) {
            if (!known.contains(path.name())) {
                problems.add(path.file() + ":" + path.line() + ": fact path \"" + path.name() + "\" is not in the facts contract"
                        + " (misspelt?); a rule that names it never matches" + closest(path.name(), known));
            }
        }
        for (Named read : readCodes) {
            if (!written.contains(read.name()) && prefixes.stream().noneMatch(read.name()::startsWith)) {
                problems.add(read.file() + ":" + read.line() + ": observation \"" + read.name() + "\" is read but no rule"
                        + " writes it (misspelt?)" + closest(read.name(), written));
            }
        }
        return problems;
    }

    private static void collect(Path file, String code, Pattern pattern, boolean quotedList, List<Named> out) {
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            if (quotedList) {
                Matcher quoted = QUOTED.matcher(m.group(1));
                while (quoted.find()) {
                    out.add(new Named(file, line, quoted.group(1)));
                }
            } else {
                out.add(new Named(file, line, m.group(1)));
            }
        }
    }

    /** The text with // comments blanked (line numbers kept): a path in a comment is no condition. */
    private static String withoutComments(String text) {
        return text.replaceAll("(?m)^[ \\t]*//.*$", "");
    }

    /** "; did you mean …" for the known name nearest by edit distance, when one is near. */
    private static String closest(String name, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(name, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 5) ? "; did you mean \"" + best + "\"?" : "";
    }
}
