package dev.nixpolicy.verify;

import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.record.RecordedQuestion;
import java.util.ArrayList;
import java.util.List;

/**
 * One service's expectations against its decision record, or why it has no record (its
 * facts or expected file could not be used). A service that could not be decided is kept
 * and reported, so one broken file does not hide how the others fared.
 */
public record ServiceScore(String service, List<KeyVerdict> verdicts, List<RecordedQuestion> questions, String failure) {
    /** {@code failure} is null for a decided service, else the message saying why it could not be decided. */
    public ServiceScore {
        verdicts = List.copyOf(verdicts);
        questions = List.copyOf(questions);
    }

    public static ServiceScore of(DecisionRecord record, ExpectedFile expected) {
        List<KeyVerdict> verdicts = new ArrayList<>();
        for (Expectation expectation : expected.expectations()) {
            RecordedDecision decision = record.decisions().get(expectation.key());
            if (decision == null) {
                String blockedBy = record.findings().stream().filter(f -> expectation.key().equals(f.blocks()))
                        .map(RecordedFinding::code).findFirst().orElse(null);
                verdicts.add(new KeyVerdict(expectation, KeyVerdict.Outcome.UNDECIDED, null, null, blockedBy, null));
            } else {
                KeyVerdict.Outcome outcome = DecisionValues.agree(expectation.value(), decision.value())
                        ? KeyVerdict.Outcome.AGREES : KeyVerdict.Outcome.DIFFERS;
                String inheritedFrom = outcome == KeyVerdict.Outcome.DIFFERS ? deviationBehind(decision, record, expected) : null;
                verdicts.add(new KeyVerdict(expectation, outcome, decision.value(), decision.rule(), null, inheritedFrom));
            }
        }
        return new ServiceScore(record.service(), verdicts, record.questions(), null);
    }

    /** The marked key, decided otherwise than the owners did, whose decision the rule matched; or null. */
    private static String deviationBehind(RecordedDecision decision, DecisionRecord record, ExpectedFile expected) {
        for (Expectation other : expected.expectations()) {
            RecordedDecision upstream = record.decisions().get(other.key());
            if (other.marked() && upstream != null && !DecisionValues.agree(other.value(), upstream.value())
                    && decision.because().contains("decided " + other.key() + " = " + upstream.value())) {
                return other.key();
            }
        }
        return null;
    }

    public static ServiceScore notDecided(String service, String failure) {
        return new ServiceScore(service, List.of(), List.of(), failure);
    }

    public boolean decided() { return failure == null; }

    public List<KeyVerdict> scored(KeyVerdict.Outcome outcome) {
        return verdicts.stream().filter(v -> v.scored() && v.outcome() == outcome).toList();
    }

    public List<KeyVerdict> scored() {
        return verdicts.stream().filter(KeyVerdict::scored).toList();
    }

    public List<KeyVerdict> marked() {
        return verdicts.stream().filter(v -> !v.scored()).toList();
    }
}
