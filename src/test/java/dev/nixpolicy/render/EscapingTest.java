package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text from facts lands in Nix and Markdown as the same text, never as code or markup. */
class EscapingTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain | plain",
        "say \"hi\" | say \\\"hi\\\"",
        "back\\slash | back\\\\slash",
        "${builtins.readFile /etc/shadow} | \\${builtins.readFile /etc/shadow}",
        "$notInterpolation | $notInterpolation"})
    void nixStrings(String text, String escaped) {
        assertEquals(escaped, NixString.escape(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sonarr | sonarr",
        "let | \"let\"",
        "or | \"or\"",
        "com.sun:auto-snapshot | \"com.sun:auto-snapshot\"",
        "x\"; y = 1 | \"x\\\"; y = 1\""})
    void attributeNamesAreIdentifiersOrQuoted(String name, String written) {
        assertEquals(written, NixLiteral.attributeName(name));
    }

    @Test
    void aPackageAttributeNamesAPackageInPkgs() {
        assertTrue(dev.nixpolicy.facts.DecisionKey.PACKAGE_ATTR.problemWith("pkgs.unstable.sonarr").isEmpty());
        assertTrue(dev.nixpolicy.facts.DecisionKey.PACKAGE_ATTR.problemWith("packageAttr").isPresent(), "an unbound variable");
        assertTrue(dev.nixpolicy.facts.DecisionKey.PACKAGE_ATTR.problemWith("pkgs.sonarr; x = 1").isPresent(), "code");
    }

    @Test
    void anAttributePathIsNeverMoreThanAPath() {
        assertEquals("pkgs.unstable.sonarr", NixLiteral.attributePath("pkgs.unstable.sonarr"));
        assertEquals("services.\"let\".settings", NixLiteral.attributePath("services.let.settings"));
        assertEquals("pkgs.\"sonarr; pwned = true; x = pkgs\".sonarr",
                NixLiteral.attributePath("pkgs.sonarr; pwned = true; x = pkgs.sonarr"));
    }

    @Test
    void theDomainInterpolationOfAHostNameStays() {
        assertEquals("x\\\"y.${config.networking.domain}", NixString.withDomain("x\"y.${config.networking.domain}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "**bold** => \\*\\*bold\\*\\*",
        "[link](http://x) => \\[link\\](http://x)",
        "<script> => &lt;script&gt;",
        "a | b => a \\| b"})
    void markdownText(String text, String escaped) {
        assertEquals(escaped, MarkdownText.escape(text));
    }

    /** Sonarr's facts with a description that tries to break out of every language it lands in. */
    static Map<String, String> hostileFiles(Path dir) throws Exception {
        return generate(dir, "sonarr", yaml -> yaml.replaceFirst("description: .*", java.util.regex.Matcher.quoteReplacement(
                "description: 'Quote \" backslash \\ and ${builtins.abort \"x\"} *bold*'")));
    }

    /**
     * Names and paths as real configuration repositories write them: secrets with hyphens, dots
     * and underscores for a native module (sonarr) and for a container that reads them through
     * LoadCredential (teslamate), and endpoints with a query (pocketid), by service.
     */
    static Map<String, Map<String, String>> realRepositoryFiles(Path dir) throws Exception {
        return Map.of(
                "sonarr", generate(dir, "sonarr", yaml -> yaml
                        .replace("secrets: [api_key]", "secrets: [api-key, tmdb.api-key, home-assistant_password]")
                        .replace("healthPath: /ping", "healthPath: /api?mode=version")),
                "teslamate", generate(dir, "teslamate", yaml -> yaml
                        .replace("secrets: [encryption_key, database_password, mqtt_password]",
                                "secrets: [encryption-key, database_password, session.secret]")),
                "pocketid", generate(dir, "pocketid", yaml -> yaml
                        .replace("metricsPath: /metrics", "metricsPath: /metrics?format=prometheus&x=1")
                        .replace("healthPath: /healthz", "healthPath: /healthz?x=1&y=2")));
    }

    /** The files generate writes for a shipped example whose facts text went through {@code edit}. */
    private static Map<String, String> generate(Path dir, String service, UnaryOperator<String> edit) throws Exception {
        String original = Files.readString(Project.dir().resolve("facts/" + service + ".yaml"));
        String yaml = edit.apply(original);
        assertFalse(yaml.equals(original), service + ": the edit must change the shipped facts");
        Path facts = dir.resolve(service + ".yaml");
        Files.writeString(facts, yaml);
        ServiceFacts loaded = new FactsLoader().loadService(facts);
        DecisionRecord record = new Pipeline(Project.shippedPolicy()).decide(loaded, Project.defaultHost(), "facts/" + service + ".yaml");
        return Pipeline.render(record, new GeneratedFiles(new Templates(Project.templates())));
    }

    @Test
    void hostileDescriptionStaysALiteral(@TempDir Path dir) throws Exception {
        Map<String, String> files = hostileFiles(dir);
        String module = files.get("hosts/_modules/nixos/services/sonarr/default.nix");
        assertTrue(module.contains("mkEnableOption \"Sonarr: Quote \\\" backslash \\\\ and \\${builtins.abort \\\"x\\\"} *bold*\";"), module);
        String docs = files.get("docs/services/sonarr.md");
        assertTrue(docs.contains("Quote \" backslash \\\\ and ${builtins.abort \"x\"} \\*bold\\*"), docs);
        assertFalse(docs.contains(" *bold*"), "no emphasis markup from facts");
    }

    @Test
    void secretNamesAreQuotedWhereNixNeedsIt(@TempDir Path dir) throws Exception {
        Map<String, Map<String, String>> files = realRepositoryFiles(dir);
        // sonarr loads no credentials: its secrets are follow-ups, not options nothing would read.
        String sonarrModule = files.get("sonarr").get("hosts/_modules/nixos/services/sonarr/default.nix");
        assertFalse(sonarrModule.contains("apiKeyFile"), sonarrModule);
        String teslamateHost = files.get("teslamate").get("hosts/forge/services/teslamate.nix");
        for (String expected : new String[] {"encryptionKeyFile = config.sops.secrets.\"teslamate/encryption-key\".path;",
                "sessionSecretFile = config.sops.secrets.\"teslamate/session.secret\".path;"}) {
            assertTrue(teslamateHost.contains(expected), "expected «" + expected + "»\n" + teslamateHost);
        }
        String teslamate = files.get("teslamate").get("hosts/_modules/nixos/services/teslamate/default.nix");
        for (String expected : new String[] {"\"encryption-key:${cfg.encryptionKeyFile}\"", "\"session.secret:${cfg.sessionSecretFile}\"",
                "printf \"ENCRYPTION_KEY=%s\\n\" \"$(cat \"$CREDENTIALS_DIRECTORY/encryption-key\")\"",
                "printf \"SESSION_SECRET=%s\\n\" \"$(cat \"$CREDENTIALS_DIRECTORY/session.secret\")\""}) {
            assertTrue(teslamate.contains(expected), "expected «" + expected + "»\n" + teslamate);
        }
    }

    @Test
    void anEndpointQueryStaysALiteral(@TempDir Path dir) throws Exception {
        Map<String, String> pocketid = realRepositoryFiles(dir).get("pocketid");
        String host = pocketid.get("hosts/forge/services/pocketid.nix");
        assertTrue(host.contains("path = \"/metrics?format=prometheus&x=1\";"), host);
        String docs = pocketid.get("docs/services/pocketid.md");
        assertTrue(docs.contains("metricsPath = /metrics?format=prometheus&amp;x=1"), docs);
    }
}
