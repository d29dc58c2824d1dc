package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where each rule of a rules folder is written (file and line) and the facts paths its conditions name. */
public final class RuleLocations {
    private static final Pattern RULE = Pattern.compile("(?ms)^rule \"([^\"]+)\"(.*?)^end\\b");
    private static final Pattern FACT_PATH = Pattern.compile("(?:Fact|Unknown)\\(path == \"([A-Za-z0-9_.\\[\\]-]+)\"");

    /** The host facts the engine holds as objects of their own, and the host file keys they come from. */
    private static final Map<String, String> HOST_FACTS = Map.of("HostPort", "host.ports", "HostUid", "host.uids",
            "HostGid", "host.gids", "BusyPortRange", "host.busyPortRanges", "HostNfsMount", "host.nfsMounts");

    /** A rule's place and what it reads. */
    public record Located(Path file, int line, List<String> factPaths) implements Comparable<Located> {
        @Override
        public int compareTo(Located other) {
            int byFile = file.toString().compareTo(other.file.toString());
            return byFile != 0 ? byFile : Integer.compare(line, other.line);
        }
    }

    private RuleLocations() {}

    public static Map<String, Located> of(Path rulesDir) throws IOException {
        Map<String, Located> located = new LinkedHashMap<>();
        for (Path file : RuleDigest.drlFiles(rulesDir)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher rule = RULE.matcher(text);
            while (rule.find()) {
                int line = 1 + (int) text.substring(0, rule.start()).chars().filter(c -> c == '\n').count();
                String body = rule.group(2);
                String conditions = body.contains("\nthen") ? body.substring(0, body.indexOf("\nthen")) : body;
                TreeSet<String> paths = new TreeSet<>();
                Matcher path = FACT_PATH.matcher(conditions);
                while (path.find()) {
                    paths.add(path.group(1));
                }
                HOST_FACTS.forEach((type, hostPath) -> {
                    if (conditions.contains(type + "(")) {
                        paths.add(hostPath);
                    }
                });
                located.putIfAbsent(rule.group(1), new Located(file, line, List.copyOf(paths)));
            }
        }
        return located;
    }
}
