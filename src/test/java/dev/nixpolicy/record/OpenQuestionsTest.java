package dev.nixpolicy.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.DrlFolder;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settling open questions: a key every answer agrees on is decided with a because that names
 * what it did not depend on and no answer's own decisions; a question that changes a key names
 * it; a key waiting on a question is no policy gap.
 */
class OpenQuestionsTest {
    private static DecisionRecord decide(String yaml) throws Exception {
        return decide(Project.shippedPolicy(), yaml);
    }

    private static DecisionRecord decide(CompiledPolicy policy, String yaml) throws Exception {
        ServiceFacts facts = new FactsLoader().parseService(Path.of("open-questions.yaml"), yaml);
        return new Pipeline(policy).decide(facts, Project.defaultHost(), "case");
    }

    private static String publicServiceWithOpenAuth() throws Exception {
        return Files.readString(Project.dir().resolve("rules/case-baseline.yaml"))
                .replace("  nativeOidc: false\n", "")
                .replace("  multiUser: false\n  perUserAuthorization: false\n", "  multiUser: true\n")
                .replace("  publicAccess: false\n  publicReason: null\n", "  publicAccess: true\n  publicReason: remote access\n");
    }

    @Test
    void aKeyEveryAnswerAgreesOnIsDecidedWithoutTheAnswersAsEvidence() throws Exception {
        DecisionRecord record = decide(publicServiceWithOpenAuth());
        assertFalse(record.decisions().containsKey("auth"), "auth waits on the open questions");
        RecordedDecision tunnel = record.decisions().get("cloudflareTunnel");
        assertEquals(true, tunnel.value());
        assertTrue(tunnel.because().contains("exposure.publicAccess = true"), tunnel.because().toString());
        assertTrue(tunnel.because().stream().noneMatch(b -> b.startsWith("decided auth") || b.startsWith("assuming")),
                tunnel.because().toString());
        assertTrue(tunnel.because().get(tunnel.because().size() - 1).startsWith("the same whatever auth.nativeOidc"),
                tunnel.because().toString());
    }

    @Test
    void aKeptQuestionNamesTheKeysItBlocksAndNoGapIsReported() throws Exception {
        DecisionRecord record = decide(publicServiceWithOpenAuth());
        RecordedQuestion oidc = record.questions().stream().filter(q -> q.about().equals("auth.nativeOidc")).findFirst()
                .orElseThrow(() -> new AssertionError(record.questions().toString()));
        // Whatever perUserAuthorization is, OIDC support decides auth; caddySecurity comes out none
        // either way when per-user authorization is needed, so only the other question blocks it.
        assertTrue(oidc.blocks().contains("auth") && !oidc.blocks().contains("caddySecurity"), oidc.blocks().toString());
        assertTrue(record.questions().stream().anyMatch(q -> q.blocks().contains("caddySecurity")), record.questions().toString());
        assertTrue(record.findings().stream().noneMatch(f -> f.code().equals("policy-gap")), record.findings().toString());
    }

    @Test
    void aQuestionNoAnswerOfWhichChangesTheRecordIsDropped() throws Exception {
        // A single-user app that can disable its auth: whether it has native OIDC changes nothing.
        DecisionRecord record = decide(Files.readString(Project.dir().resolve("rules/case-baseline.yaml"))
                .replace("  nativeOidc: false\n", ""));
        assertEquals("disable-native-auth+caddy-security", record.decisions().get("auth").value());
        assertTrue(record.questions().isEmpty(), record.questions().toString());
    }

    @Test
    void aQuestionARuleAsksIsDroppedWhenNoAnswerChangesTheRecord(@TempDir Path dir) throws Exception {
        // The shipped rules ask only what matters, so a rule that asks too much is added: it asks
        // about trusted-header support whenever that is unknown, although a single-user app that
        // can disable its auth gets tier 3 whatever the answer.
        Path rules = Project.copyOfRules(dir);
        Files.writeString(rules.resolve("auth.drl"), Files.readString(rules.resolve("auth.drl")) + """

                rule "asks about trusted headers whatever they decide"
                    @matrix("auth") @row("asks too much") @source("001 Authentication decision priority")
                    @decides("none")
                    agenda-group "derive"
                when
                    Unknown(path == "auth.trustedHeader")
                then
                    insert(new Question("auth.trustedHeader", "Does it accept a trusted header?"));
                end
                """);
        String yaml = Files.readString(Project.dir().resolve("rules/case-baseline.yaml")).replace("  trustedHeader: false\n", "");

        DecisionRecord asked = decide(new DrlFolder(rules, "rules").load(), yaml);

        assertEquals("disable-native-auth+caddy-security", asked.decisions().get("auth").value());
        assertTrue(asked.questions().isEmpty(), asked.questions().toString());
        assertEquals(decide(yaml).decisions().keySet(), asked.decisions().keySet());
    }

    @Test
    void tooManyCombinationsAreTriedOneQuestionAtATimeAndStillNameWhatTheyBlock() throws Exception {
        String yaml = Files.readString(Project.dir().resolve("rules/case-baseline.yaml"));
        for (String line : new String[] {"  nativeOidc: false\n", "  trustedHeader: false\n", "  canDisableAuth: true\n",
                "  apiKey: true\n", "  builtInAuth: true\n", "  multiUser: false\n", "  perUserAuthorization: false\n",
                "  appState: sqlite\n", "  lockedFiles: false\n", "  publicAccess: false\n"}) {
            yaml = yaml.replace(line, "");
        }
        DecisionRecord record = decide(yaml);
        assertFalse(record.decisions().containsKey("auth"));
        assertTrue(record.questions().stream().anyMatch(q -> q.blocks().contains("auth")), record.questions().toString());
        assertTrue(record.findings().stream().noneMatch(f -> f.code().equals("policy-gap") && "auth".equals(f.blocks())),
                record.findings().toString());
    }
}
