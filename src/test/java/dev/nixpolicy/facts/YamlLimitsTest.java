package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile YAML is refused by {@link YamlLimits}, quickly and at the node that breaks a limit:
 * alias bombs, recursive aliases, deep nesting, long strings, long lines, long lists, too many
 * nodes and files too large to read. Service and host files go through the same loader.
 */
class YamlLimitsTest {
    private static final String VALID = """
            apiVersion: nixpolicy/v1
            service: demo
            description: A demo service
            upstream:
              port: 8300
            """;
    private static final String HOST = """
            apiVersion: nixpolicy/v1
            host: forge
            domain: holthome.net
            uidRange: { min: 900, max: 999 }
            """;
    /** Generous for a machine shared with other builds; the refusals take milliseconds (see InputCostTest). */
    private static final Duration QUICKLY = Duration.ofSeconds(3);

    /** The "billion laughs": nine levels of ten aliases each, 1.8 KB, 10^9 strings if expanded. */
    static String billionLaughs() {
        StringBuilder yaml = new StringBuilder(VALID).append("integrations:\n  homepageWidget: x\n");
        yaml.append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            String previous = "*a" + (i - 1);
            yaml.append("x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, previous))).append("]\n");
        }
        return yaml.toString();
    }

    static Stream<Arguments> hostileServiceFiles() {
        String deep = "[".repeat(40) + "]".repeat(40);
        return Stream.of(
                Arguments.of("recursive alias", VALID + "integrations:\n  secrets: &s [*s]\n",
                        "7:16: the alias \"*s\" stands for a list or mapping; facts files may use aliases only for strings"),
                Arguments.of("recursive alias in a mapping", VALID + "auth: &a { x: *a }\n",
                        "6:15: the alias \"*a\" stands for a list or mapping"),
                Arguments.of("billion laughs", billionLaughs(), "9:10: the alias \"*a0\" stands for a list or mapping"),
                Arguments.of("merge key", VALID + "base: &b { apiKey: true }\nauth:\n  <<: *b\n",
                        "8:7: the alias \"*b\" stands for a list or mapping"),
                Arguments.of("deep nesting", VALID + "overrides:\n  - decision: hardening\n    value: " + deep + "\n    reason: x\n",
                        "8:25: lists and mappings nested more than 16 deep, limit 16"),
                Arguments.of("long string", VALID.replace("A demo service", "x".repeat(5000)),
                        "3:14: a string of 5000 characters, limit 4096: \"" + "x".repeat(80) + "...\" (5000 characters)"),
                Arguments.of("long string over many lines", VALID + "  healthPath: >\n" + "    abcdefghij\n".repeat(500),
                        "6:15: a string of 5500 characters, limit 4096"),
                Arguments.of("long line", VALID + "# " + "c".repeat(9000) + "\n",
                        "6:8193: line 6 is 9002 characters long, limit 8192"),
                Arguments.of("long list", VALID + "integrations:\n  secrets:\n" + IntStream.range(0, 1001)
                        .mapToObj(i -> "    - s" + i + "\n").collect(Collectors.joining()),
                        "1008:7: a list with more than 1000 items, limit 1000"),
                Arguments.of("long mapping", VALID + "auth:\n" + IntStream.range(0, 1001)
                        .mapToObj(i -> "  k" + i + ": v\n").collect(Collectors.joining()),
                        "1007:3: a mapping with more than 1000 entries, limit 1000"),
                Arguments.of("too many nodes", VALID + IntStream.range(0, 25).mapToObj(i -> "l" + i + ": ["
                        + "a,".repeat(900) + "a]\n").collect(Collectors.joining()),
                        "the document has more than 20000 nodes"),
                Arguments.of("aliases to a long string", VALID + "d: &d \"" + "x".repeat(4000) + "\"\n"
                        + IntStream.range(0, 5).mapToObj(i -> "l" + i + ": [" + "*d, ".repeat(60) + "*d]\n").collect(Collectors.joining()),
                        "the document's strings add up to more than 1048576 characters (aliases counted as what they stand for)"),
                Arguments.of("document too long", VALID + ("# " + "c".repeat(1000) + "\n").repeat(1100),
                        "1:1: the document is " + (VALID.length() + 1100 * 1003) + " characters, limit 1048576"),
                Arguments.of("control character", VALID + "category: \"a\u0001b\"\n", "6:13: YAML syntax error: character U+0001 is not allowed in YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileServiceFiles")
    void hostileServiceTextIsRefusedQuicklyWhereItBreaksALimit(String name, String yaml, String expected) {
        BadInputException refused = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(BadInputException.class, () -> new FactsLoader().parseService(Path.of("demo.yaml"), yaml)));
        assertTrue(refused.getMessage().contains(expected), "expected «" + expected + "» in: " + refused.getMessage());
        assertTrue(refused.getMessage().length() < 300, "a short message: " + refused.getMessage().length());
    }

    @Test
    void aHostFileHasTheSameLimits() {
        for (String hostile : new String[] {"ports: &p { 8080: *p }\n", "uids: { 918: &n profilarr }\nports: &q [*q]\n",
                "busyPortRanges: " + "[".repeat(20) + "]".repeat(20) + "\n"}) {
            BadInputException refused = assertTimeoutPreemptively(QUICKLY,
                    () -> assertThrows(BadInputException.class, () -> new FactsLoader().parseHost(Path.of("host.yaml"), HOST + hostile)));
            assertTrue(refused.line() == 5 || refused.line() == 6, refused.getMessage());
            assertTrue(refused.problem().contains("stands for a list or mapping") || refused.problem().contains("nested more than 16"),
                    refused.getMessage());
        }
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, VALID + ("# " + "c".repeat(1000) + "\n").repeat(10_240));
        long size = Files.size(file);
        BadInputException refused = assertThrows(BadInputException.class, () -> new FactsLoader().loadService(file));
        assertEquals(file + ":1:1: file is " + size + " bytes, limit 1048576", refused.getMessage());
        Path host = dir.resolve("host.yaml");
        Files.copy(file, host);
        BadInputException hostRefused = assertThrows(BadInputException.class, () -> new FactsLoader().loadHost(host));
        assertEquals(host + ":1:1: file is " + size + " bytes, limit 1048576", hostRefused.getMessage());
    }

    @Test
    void aFileAtTheLimitIsRead(@TempDir Path dir) throws IOException, BadInputException {
        String comments = ("# " + "c".repeat(1021) + "\n");
        StringBuilder text = new StringBuilder(VALID);
        while (text.length() + comments.length() <= YamlLimits.MAX_BYTES) {
            text.append(comments);
        }
        text.append("#".repeat(YamlLimits.MAX_BYTES - text.length()));
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, text);
        assertEquals(YamlLimits.MAX_BYTES, Files.size(file));
        assertEquals("demo", new FactsLoader().loadService(file).service().value());
    }

    @Test
    void bytesThatAreNotUtf8AreLocated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.yaml");
        byte[] text = (VALID + "category: caf\u00e9 ?\n").getBytes(StandardCharsets.UTF_8);
        text[text.length - 2] = (byte) 0xff;
        Files.write(file, text);
        BadInputException refused = assertThrows(BadInputException.class, () -> new FactsLoader().loadService(file));
        assertEquals(file + ":6:16: not UTF-8 text (byte " + (text.length - 1) + ", 0xFF)", refused.getMessage());
    }

    @Test
    void aliasesToStringsStillWork() throws BadInputException {
        ServiceFacts facts = new FactsLoader().parseService(Path.of("demo.yaml"),
                VALID.replace("A demo service", "&d A demo service") + "category: *d\n");
        assertEquals("A demo service", facts.category());
    }
}
