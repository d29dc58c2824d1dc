package dev.nixpolicy.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.facts.YamlLocations;
import dev.nixpolicy.record.RecordedQuestion;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures: precision over decided scored keys, coverage over scored keys, questions per decided service. */
class AgreementSummaryTest {
    private static final YamlLocations.Location AT = new YamlLocations.Location(1, 1);

    private static KeyVerdict verdict(String key, KeyVerdict.Outcome outcome, boolean marked) {
        return new KeyVerdict(new Expectation(key, "x", marked, AT), outcome,
                outcome == KeyVerdict.Outcome.UNDECIDED ? null : "y", "rule", null, null);
    }

    private static ServiceScore service(int questions, KeyVerdict... verdicts) {
        return new ServiceScore("svc", List.of(verdicts),
                Collections.nCopies(questions, new RecordedQuestion("fact", "why?", "rule", java.util.List.of())), null);
    }

    @Test
    void figuresCountScoredKeysOfDecidedServicesOnly() {
        AgreementSummary summary = AgreementSummary.of(List.of(
                service(3, verdict("port", KeyVerdict.Outcome.AGREES, false), verdict("uid", KeyVerdict.Outcome.DIFFERS, false),
                        verdict("group", KeyVerdict.Outcome.UNDECIDED, false), verdict("deployment", KeyVerdict.Outcome.DIFFERS, true)),
                service(0, verdict("port", KeyVerdict.Outcome.AGREES, false), verdict("backup", KeyVerdict.Outcome.AGREES, false)),
                service(8),
                ServiceScore.notDecided("broken", "broken.yaml:1:1: file is empty")));
        assertEquals(new AgreementSummary(4, 3, 3, 4, 5, 3, 8, 1, 1, 0), summary);
        assertEquals("75.0%", summary.precision());
        assertEquals("80.0%", summary.coverage());
        assertEquals(1, summary.differing());
    }

    @Test
    void differencesThatFollowAMarkedDeviationAreCountedApart() {
        KeyVerdict inherited = new KeyVerdict(new Expectation("healthcheck", true, false, AT), KeyVerdict.Outcome.DIFFERS,
                false, "no container healthcheck for a native service", null, "deployment");
        AgreementSummary summary = AgreementSummary.of(List.of(service(0, inherited,
                verdict("uid", KeyVerdict.Outcome.DIFFERS, false), verdict("port", KeyVerdict.Outcome.AGREES, false),
                verdict("group", KeyVerdict.Outcome.AGREES, false))));
        assertEquals("50.0%", summary.precision());
        assertEquals("66.7%", summary.precisionBesideDeviations());
        assertTrue(inherited.line().endsWith("; follows the owners' deviation on deployment"), inherited.line());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        AgreementSummary summary = AgreementSummary.of(List.of(service(1), service(2), service(7), service(4)));
        assertEquals("3", summary.questionsMedianText());
        assertEquals("2.5", AgreementSummary.of(List.of(service(2), service(3))).questionsMedianText());
        assertEquals(7, summary.questionsMax());
    }

    @Test
    void nothingToDivideIsNotAPercentage() {
        AgreementSummary summary = AgreementSummary.of(List.of(ServiceScore.notDecided("broken", "bad")));
        assertEquals("n/a", summary.precision());
        assertEquals("n/a", summary.coverage());
    }

    @Test
    void percentagesHaveOneDecimal() {
        assertEquals("66.7%", AgreementSummary.percent(2, 3));
        assertEquals("100.0%", AgreementSummary.percent(5, 5));
    }
}
