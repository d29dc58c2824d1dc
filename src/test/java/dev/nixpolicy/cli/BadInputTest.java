package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of bad facts file gives one clear message with file, line and column, exit
 * code 2, no stack trace and nothing on standard output.
 */
class BadInputTest {
    private static final String VALID = """
            apiVersion: nixpolicy/v1
            service: demo
            description: A demo service
            upstream:
              port: 8300
            """;

    static Stream<Arguments> badServiceFiles() {
        return Stream.of(
                Arguments.of("unknown key", VALID + "auth:\n  nativeOIDC: true\n",
                        "7:3: unknown key 'nativeOIDC' in auth; allowed keys: apiKey, builtInAuth"),
                Arguments.of("unknown top-level key", VALID + "exposures:\n  webUi: true\n",
                        "6:1: unknown key 'exposures'"),
                Arguments.of("wrong type: string for boolean", VALID + "auth:\n  nativeOidc: \"yes\"\n",
                        "7:15: auth.nativeOidc: expected true or false, found \"yes\""),
                Arguments.of("wrong type: string for port", VALID.replace("port: 8300", "port: \"8300\""),
                        "5:9: upstream.port: expected an integer, found \"8300\""),
                Arguments.of("wrong type: number for a version string",
                        VALID + "packaging:\n  minimumVersion: 1.10\n",
                        "7:19: packaging.minimumVersion: expected a string, found the number 1.10"),
                Arguments.of("wrong type: mapping for a list", VALID + "integrations:\n  secrets: { a: b }\n",
                        "integrations.secrets: expected a list, found a mapping"),
                Arguments.of("enum value", VALID + "workload:\n  type: webapp\n",
                        "7:9: workload.type: \"webapp\" is not one of web-app, media-app, media-server"),
                Arguments.of("duplicate key", VALID + "description: again\n",
                        "6:1: duplicate key 'description'"),
                Arguments.of("missing required field", VALID.replace("description: A demo service\n", ""),
                        "1:1: missing required key 'description'"),
                Arguments.of("missing required nested field",
                        VALID + "packaging:\n  nixpkgs:\n    stable: { version: \"1.0\" }\n",
                        "missing required key 'packaging.nixpkgs.stable.package'"),
                Arguments.of("missing upstream port", VALID.replace("upstream:\n  port: 8300\n", ""),
                        "missing required key 'upstream.port' (only an internal-api service may have no port)"),
                Arguments.of("wrong apiVersion", VALID.replace("nixpolicy/v1", "nixpolicy/v2"),
                        "1:13: apiVersion: must be \"nixpolicy/v1\", found \"nixpolicy/v2\""),
                Arguments.of("service name with a path separator", VALID.replace("service: demo", "service: ../etc"),
                        "2:10: service: name \"../etc\" must match ^[a-z][a-z0-9-]{0,62}$"),
                Arguments.of("service name that would break Nix", VALID.replace("service: demo", "service: \"demo\\\"; x\""),
                        "2:10: service: name \"demo\\\"; x\" must match"),
                Arguments.of("service name with capitals", VALID.replace("service: demo", "service: Demo"),
                        "service: name \"Demo\" must match"),
                Arguments.of("port out of range", VALID.replace("port: 8300", "port: 70000"),
                        "5:9: upstream.port: 70000 is not a port (1-65535)"),
                Arguments.of("malformed image reference",
                        VALID + "packaging:\n  containerImages:\n    - \"ghcr.io/acme/Svc:1.0 latest\"\n",
                        "8:7: packaging.containerImages[0]: \"ghcr.io/acme/Svc:1.0 latest\" is not a container image reference"),
                Arguments.of("override of an unknown decision",
                        VALID + "overrides:\n  - decision: deploy\n    value: container\n    reason: because\n",
                        "7:15: overrides[0].decision: \"deploy\" is not a decision key"),
                Arguments.of("override with a value the key cannot take",
                        VALID + "overrides:\n  - decision: deployment\n    value: docker\n    reason: because\n",
                        "8:12: overrides[0].value: deployment must be one of [native-module, native-package, container], not \"docker\""),
                Arguments.of("override of the data directory with a relative path",
                        VALID + "overrides:\n  - decision: dataDir\n    value: dataDir\n    reason: because\n",
                        "8:12: overrides[0].value: dataDir must be an absolute directory"),
                Arguments.of("override of the directory mode with text that is not octal",
                        VALID + "overrides:\n  - decision: directoryMode\n    value: directoryMode\n    reason: because\n",
                        "8:12: overrides[0].value: directoryMode must be an octal mode such as 0750"),
                Arguments.of("override of the Gatus interval with text that is not a duration",
                        VALID + "overrides:\n  - decision: gatusInterval\n    value: often\n    reason: because\n",
                        "8:12: overrides[0].value: gatusInterval must be a duration such as 60s or 5m"),
                Arguments.of("override of the container data path that climbs out",
                        VALID + "overrides:\n  - decision: containerDataPath\n    value: /data/../etc\n    reason: because\n",
                        "8:12: overrides[0].value: containerDataPath must be an absolute directory"),
                Arguments.of("override without a reason",
                        VALID + "overrides:\n  - decision: deployment\n    value: container\n",
                        "missing required key 'overrides[0].reason'"),
                Arguments.of("secret name with a path separator", secrets("\"a/b\""),
                        "7:13: integrations.secrets[0]: \"a/b\" contains '/'"),
                Arguments.of("secret name ..", secrets("\"..\""),
                        "7:13: integrations.secrets[0]: \"..\" must not start with '.' or '-'"),
                Arguments.of("secret name leaving the prefix", secrets("api_key, \"../x\""),
                        "7:22: integrations.secrets[1]: \"../x\" contains '/'"),
                Arguments.of("secret name with .. inside", secrets("\"a..b\""),
                        "7:13: integrations.secrets[0]: \"a..b\" must not contain '..'"),
                Arguments.of("hidden secret name", secrets("\".hidden\""),
                        "7:13: integrations.secrets[0]: \".hidden\" must not start with '.' or '-'"),
                Arguments.of("secret name like an option", secrets("\"-x\""),
                        "7:13: integrations.secrets[0]: \"-x\" must not start with '.' or '-'"),
                Arguments.of("secret name with a tab", secrets("\"api\\tkey\""),
                        "7:13: integrations.secrets[0]: \"api\\tkey\" contains whitespace or a control character"),
                Arguments.of("secret name with a newline", secrets("\"api\\nkey\""),
                        "7:13: integrations.secrets[0]: \"api\\nkey\" contains whitespace or a control character"),
                Arguments.of("secret name with a space", secrets("\"api key\""),
                        "7:13: integrations.secrets[0]: \"api key\" contains whitespace or a control character"),
                Arguments.of("empty secret name", secrets("\"\""), "7:13: integrations.secrets[0]: \"\" is empty"),
                Arguments.of("null secret name", secrets("~"), "7:13: integrations.secrets[0]: null is empty"),
                Arguments.of("secret name with a quote", secrets("'api\"key'"),
                        "7:13: integrations.secrets[0]: \"api\\\"key\" may contain only letters, digits, '-', '_' and '.'"),
                Arguments.of("secret name whose option is no Nix identifier", secrets("1password"),
                        "7:13: integrations.secrets[0]: \"1password\" becomes the module option 1passwordFile, which is not a Nix identifier"),
                Arguments.of("long secret name, quoted short", secrets("a".repeat(300)),
                        "7:13: integrations.secrets[0]: \"" + "a".repeat(80) + "...\" (300 characters) is longer than 255 characters"),
                Arguments.of("two secrets with one option", secrets("api_key, api-key"),
                        "7:22: integrations.secrets[1]: \"api-key\" and \"api_key\" (integrations.secrets[0]) would both become the module option apiKeyFile"),
                Arguments.of("two secrets with one option, doubled separator", secrets("a_b, a__b"),
                        "7:18: integrations.secrets[1]: \"a__b\" and \"a_b\" (integrations.secrets[0]) would both become the module option aBFile"),
                Arguments.of("two secrets with one environment variable", secrets("API_KEY, api_key"),
                        "7:22: integrations.secrets[1]: \"api_key\" and \"API_KEY\" (integrations.secrets[0]) would both become the environment variable API_KEY"),
                Arguments.of("a secret listed twice", secrets("api-key, db, api-key"),
                        "7:26: integrations.secrets[2]: \"api-key\" is already listed as integrations.secrets[0]"),
                Arguments.of("healthPath with a fragment", VALID + "  healthPath: /api#top\n",
                        "6:15: upstream.healthPath: \"/api#top\" must be an absolute URL path"),
                Arguments.of("healthPath with a space in the query", VALID + "  healthPath: \"/api?mode=a b\"\n",
                        "6:15: upstream.healthPath: \"/api?mode=a b\" must be an absolute URL path"),
                Arguments.of("metricsPath that is not absolute", VALID + "  metricsPath: metrics?x=1\n",
                        "6:16: upstream.metricsPath: \"metrics?x=1\" must be an absolute URL path"),
                Arguments.of("dataDir with a query", VALID + "  dataDir: /var/lib/demo?x=1\n",
                        "6:12: upstream.dataDir: \"/var/lib/demo?x=1\" must be an absolute path"),
                Arguments.of("override of the image with a value no image reference can be",
                        VALID + "overrides:\n  - decision: image\n    value: \"abc\\\\\"\n    reason: because\n",
                        "8:12: overrides[0].value: image must be a container image reference"),
                Arguments.of("an empty item in a list", VALID + "packaging:\n  containerImages: [~]\n",
                        "7:21: packaging.containerImages[0]: an empty item (null) is not allowed"),
                Arguments.of("a mapping as a key", VALID + "auth:\n  ? { a: b }\n  : true\n",
                        "7:5: auth: a key must be a string, found a mapping"),
                Arguments.of("an empty string where a value is meant", VALID + "category: \"\"\n", "6:11: category: \"\" is empty"),
                Arguments.of("a blank string where a value is meant", VALID + "integrations:\n  homepageWidget: \"\\t\"\n",
                        "7:19: integrations.homepageWidget: \"\\t\" is blank"),
                Arguments.of("a missing key after a header comment", "# a header\n\n" + VALID.replace("service: demo\n", ""),
                        "3:1: missing required key 'service'"),
                Arguments.of("a recursive alias", VALID + "integrations:\n  secrets: &s [*s]\n",
                        "7:16: the alias \"*s\" stands for a list or mapping"),
                Arguments.of("a billion laughs", billionLaughs(),
                        "the alias \"*a0\" stands for a list or mapping"),
                Arguments.of("a long value, quoted short", VALID.replace("A demo service", String.join("\n  ",
                        java.util.Collections.nCopies(100, "x".repeat(1000)))),
                        "3:14: a string of 100099 characters, limit 4096: \"" + "x".repeat(80) + "...\" (100099 characters)"),
                Arguments.of("a control character", VALID + "category: \"a\u0007b\"\n",
                        "6:13: YAML syntax error: character U+0007 is not allowed in YAML"),
                Arguments.of("YAML syntax error", VALID + "auth: nativeOidc: true\n", "6:17: YAML syntax error"),
                Arguments.of("empty file", "", "1:1: file is empty"));
    }

    /** The "billion laughs": nine levels of ten aliases each, 10^9 strings if expanded, in 1.7 KB. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder(VALID).append("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        return yaml.toString();
    }

    /** The valid facts with these secrets, written as a YAML flow list on line 7 (first item at column 13). */
    private static String secrets(String flowItems) {
        return VALID + "integrations:\n  secrets: [" + flowItems + "]\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badServiceFiles")
    void badServiceFileIsRefusedWithItsLocation(String name, String yaml, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, yaml);
        CliRun run = CliRun.of("decide", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(file + ":"), "message names the file: " + run.err());
        assertTrue(run.err().contains(expected), "expected «" + expected + "» in: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(1, run.err().strip().lines().count(), "one message: " + run.err());
        assertEquals("", run.out());
    }

    static Stream<Arguments> badHostFiles() {
        String valid = """
                apiVersion: nixpolicy/v1
                host: forge
                domain: holthome.net
                uidRange: { min: 900, max: 999 }
                """;
        return Stream.of(
                Arguments.of("unknown host key", valid + "tunnels: forge\n", "5:1: unknown key 'tunnels'"),
                Arguments.of("bad domain", valid.replace("holthome.net", "holthome net"), "3:9: domain: \"holthome net\" is not a DNS domain"),
                Arguments.of("inverted uid range", valid.replace("min: 900, max: 999", "min: 999, max: 900"), "uidRange: min must be at least 1 and not above max"),
                Arguments.of("port key not a number", valid + "ports: { http: sonarr }\n", "ports"),
                Arguments.of("busy range not a pair", valid + "busyPortRanges: [[8080]]\n", "busyPortRanges[0]: expected [low, high] with low <= high"),
                Arguments.of("port key beyond any integer", valid + "ports: { 1099511627776: x }\n",
                        "5:10: ports: key \"1099511627776\" is out of range (-2147483648 to 2147483647)"),
                Arguments.of("port key out of range", valid + "ports: { 8080: a, 70000: b }\n", "5:19: ports.70000: 70000 is not a port (1-65535)"),
                Arguments.of("one port written twice", valid + "ports: { 8080: a, 08080: b }\n", "5:19: ports: key \"08080\" is given twice (as 8080)"),
                Arguments.of("negative uid", valid + "uids: { -5: demo }\n", "5:9: uids.-5: -5 is not a UID (0 or more)"),
                Arguments.of("port owner missing", valid + "ports:\n  8080: ~\n", "6:9: ports.8080: owner null must match"),
                Arguments.of("uid owner not a name", valid + "uids:\n  901: \"a b\"\n", "6:8: uids.901: owner \"a b\" must match"),
                Arguments.of("alias bomb in a host file", valid + "ports: &p { 8080: *p }\n", "5:19: the alias \"*p\" stands for a list or mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHostFiles")
    void badHostFileIsRefusedWithItsLocation(String name, String yaml, String expected, @TempDir Path dir) throws IOException {
        Path service = dir.resolve("demo.yaml");
        Files.writeString(service, VALID);
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, yaml);
        CliRun run = CliRun.of("decide", service.toString(), "--host", host.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(host + ":"), run.err());
        assertTrue(run.err().contains(expected), "expected «" + expected + "» in: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void aFileOfTenMegabytesIsRefusedBySizeAtOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, VALID + "#".repeat(10 * 1024 * 1024 - VALID.length() - 1) + "\n");
        long start = System.nanoTime();
        CliRun run = CliRun.of("decide", file.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("nixpolicy: " + file + ":1:1: file is 10485760 bytes, limit 1048576", run.err().strip());
        assertTrue(ms < 2000, "refused in " + ms + " ms");
        assertEquals("", run.out());
    }

    /** Found by the property run: "a--b" without a displayName crashed the display name's title case (exit 70). */
    @Test
    void aServiceNameWithDoubledHyphensGetsATitleCasedDisplayName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a--b-.yaml");
        Files.writeString(file, VALID.replace("service: demo", "service: a--b-"));
        CliRun run = CliRun.of("decide", "--format=json", file.toString());
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err());
        assertTrue(run.out().contains("\"displayName\" : \"A B\"") || run.out().contains("\"displayName\": \"A B\""), run.out());
    }

    @Test
    void aServiceDescribedTwicePointsAtTheSecondServiceName(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("a.yaml");
        Path second = dir.resolve("b.yaml");
        Files.writeString(first, VALID);
        Files.writeString(second, "# the same service again\n\n" + VALID);
        CliRun run = CliRun.of("decide", "--host", dev.nixpolicy.testing.Project.defaultHostFile().toString(), first.toString(), second.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(java.util.List.of("nixpolicy: " + second + ":4:10: service \"demo\" is already described by " + first,
                "nixpolicy: 2 facts files: 1 decided (1 with error findings, 1 with open questions), 1 bad input"),
                run.err().lines().toList());
    }

    @Test
    void aServiceOnTheLastPortGetsAFindingForItsMetricsPortNotBadRules(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.yaml");
        Files.writeString(file, VALID.replace("port: 8300", "port: 65535") + "workload:\n  type: database\n");
        CliRun run = CliRun.of("decide", "--format", "yaml", file.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("metrics-port-unallocatable"), run.out());
        assertFalse(run.out().contains("65536"), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void badCommandLineExitsTwo(String name, String[] args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("no command", new String[] {}),
                Arguments.of("unknown option", new String[] {"decide", "--colour", "x.yaml"}),
                Arguments.of("unknown format", new String[] {"decide", "--format", "xml", "x.yaml"}),
                Arguments.of("missing facts file", new String[] {"decide", "/nonexistent/x.yaml"}));
    }
}
