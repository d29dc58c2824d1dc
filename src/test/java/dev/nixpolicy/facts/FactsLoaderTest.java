package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What real configuration repositories write is accepted: their secret names (with the names they become) and endpoints with a query. */
class FactsLoaderTest {
    private static final String FACTS = """
            apiVersion: nixpolicy/v1
            service: demo
            description: A demo service
            upstream:
              port: 8300
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "api_key, apiKeyFile, API_KEY",
        "api-key, apiKeyFile, API_KEY",
        "session-secret, sessionSecretFile, SESSION_SECRET",
        "tmdb-api-key, tmdbApiKeyFile, TMDB_API_KEY",
        "home-assistant_password, homeAssistantPasswordFile, HOME_ASSISTANT_PASSWORD",
        "tmdb.api-key, tmdbApiKeyFile, TMDB_API_KEY",
        "Plex.Token, PlexTokenFile, PLEX_TOKEN",
        "oidc_client_secret2, oidcClientSecret2File, OIDC_CLIENT_SECRET2",
        "_internal, InternalFile, _INTERNAL"})
    void acceptedNamesAndWhatTheyBecome(String secret, String option, String environment) throws BadInputException {
        assertEquals(Optional.empty(), SecretNames.problemWith(secret));
        assertEquals(option, SecretNames.option(secret));
        assertEquals(environment, SecretNames.environment(secret));
        assertTrue(environment.matches("[A-Z_][A-Z0-9_]*"), "a shell variable name: " + environment);
        ServiceFacts facts = new FactsLoader().parseService(Path.of("demo.yaml"),
                FACTS + "integrations:\n  secrets: [\"" + secret + "\"]\n");
        assertEquals(List.of(secret), facts.integrations().secrets());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api?mode=version", "/health?x=1&y=2", "/ping", "/api/v1/status?full=true&fmt=json%2Cv2"})
    void endpointsMayCarryAQuery(String path) throws BadInputException {
        ServiceFacts facts = new FactsLoader().parseService(Path.of("demo.yaml"),
                FACTS + "  healthPath: \"" + path + "\"\n  metricsPath: \"" + path + "\"\n");
        assertEquals(path, facts.upstream().healthPath());
        assertEquals(path, facts.upstream().metricsPath());
    }

    /** SnakeYAML reads in blocks of 1,024 characters; an emoji split across two blocks must still read. */
    @org.junit.jupiter.api.Test
    void anEmojiAcrossTheReadersBlockBoundaryReads(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (int pad = 900; pad < 1040; pad++) {
            String text = "# " + "x".repeat(pad) + "\n" + FACTS.replace("description: ", "description: \uD83D\uDE42 ");
            Path file = dir.resolve("emoji-" + pad + ".yaml");
            java.nio.file.Files.writeString(file, text);
            assertTrue(new FactsLoader().loadService(file).description().startsWith("\uD83D\uDE42"), "pad " + pad);
        }
    }
}
