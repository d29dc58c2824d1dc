package dev.nixpolicy.verify;

import java.util.List;
import java.util.Locale;

/**
 * The figures of a test run. Key figures count only services that were decided: a service
 * without a record is already counted once, in {@code servicesDecided}, and counting its
 * keys as undecided too would mix "the facts could not be read" into "the rules could not
 * decide". Precision is over decided keys because a wrong value is the serious failure;
 * an undecided key comes with a question and only lowers coverage.
 */
public record AgreementSummary(
        int services,
        int servicesDecided,
        int agreeing,
        int decidedScored,
        int scored,
        double questionsMedian,
        int questionsMax,
        int notScored,
        int notScoredDiffering,
        int differingInherited) {

    public static AgreementSummary of(List<ServiceScore> scores) {
        List<ServiceScore> decided = scores.stream().filter(ServiceScore::decided).toList();
        int agreeing = 0;
        int differing = 0;
        int scored = 0;
        int notScored = 0;
        int notScoredDiffering = 0;
        int differingInherited = 0;
        for (ServiceScore score : decided) {
            agreeing += score.scored(KeyVerdict.Outcome.AGREES).size();
            differing += score.scored(KeyVerdict.Outcome.DIFFERS).size();
            differingInherited += (int) score.scored(KeyVerdict.Outcome.DIFFERS).stream()
                    .filter(v -> v.inheritedFrom() != null).count();
            scored += score.scored().size();
            notScored += score.marked().size();
            notScoredDiffering += (int) score.marked().stream().filter(v -> v.outcome() == KeyVerdict.Outcome.DIFFERS).count();
        }
        int[] questions = decided.stream().mapToInt(s -> s.questions().size()).sorted().toArray();
        double median = questions.length == 0 ? 0
                : questions.length % 2 == 1 ? questions[questions.length / 2]
                : (questions[questions.length / 2 - 1] + questions[questions.length / 2]) / 2.0;
        int max = questions.length == 0 ? 0 : questions[questions.length - 1];
        return new AgreementSummary(scores.size(), decided.size(), agreeing, agreeing + differing, scored,
                median, max, notScored, notScoredDiffering, differingInherited);
    }

    public int differing() { return decidedScored - agreeing; }

    /** Agreeing / decided scored keys, e.g. "87.5%", or "n/a" when nothing scored was decided. */
    public String precision() { return percent(agreeing, decidedScored); }

    /**
     * Precision leaving out the differences that follow from a decision the owners marked as a
     * deviation (the rules follow the policy there, so what depends on it differs as well).
     */
    public String precisionBesideDeviations() {
        return percent(agreeing, decidedScored - differingInherited);
    }

    /** Decided scored keys / all scored keys. */
    public String coverage() { return percent(decidedScored, scored); }

    public String questionsMedianText() {
        return questionsMedian == Math.rint(questionsMedian) ? String.valueOf((long) questionsMedian)
                : String.format(Locale.ROOT, "%.1f", questionsMedian);
    }

    static String percent(int part, int whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
