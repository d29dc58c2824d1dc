package dev.nixpolicy.verify;

import dev.nixpolicy.record.RecordedQuestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code nixpolicy test} prints: per service what needs reading (differences, undecided
 * keys with the record's open questions), the disagreements the owners marked, then the
 * figures. Nothing depends on timing or threads, so two runs print the same bytes.
 */
public final class AgreementReport {
    private final List<ServiceScore> scores;
    private final AgreementSummary summary;

    public AgreementReport(List<ServiceScore> scores) {
        this.scores = List.copyOf(scores);
        this.summary = AgreementSummary.of(scores);
    }

    public AgreementSummary summary() { return summary; }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (ServiceScore score : scores) {
            serviceText(score, out);
        }
        List<ServiceScore> markedDisagreements = scores.stream()
                .filter(s -> s.marked().stream().anyMatch(v -> v.outcome() == KeyVerdict.Outcome.DIFFERS)).toList();
        if (!markedDisagreements.isEmpty()) {
            out.append("\n").append(ExpectedFile.MARK).append(", not scored:\n");
            for (ServiceScore score : markedDisagreements) {
                out.append("  ").append(score.service()).append(":\n");
                score.marked().stream().filter(v -> v.outcome() == KeyVerdict.Outcome.DIFFERS)
                        .forEach(v -> out.append("    ").append(v.line()).append('\n'));
            }
        }
        AgreementSummary s = summary;
        out.append("\nsummary:\n")
                .append("  services decided: ").append(s.servicesDecided()).append(" of ").append(s.services())
                .append(s.servicesDecided() < s.services() ? " (" + (s.services() - s.servicesDecided())
                        + " not decided: unusable input; their keys are not counted below)" : "").append('\n')
                .append("  precision: ").append(s.precision()).append(" (").append(s.agreeing()).append(" of ")
                .append(s.decidedScored()).append(" decided scored keys agree)\n")
                .append(s.differingInherited() == 0 ? "" : "  precision beside deviations: " + s.precisionBesideDeviations()
                        + " (" + s.differingInherited() + " of the " + s.differing()
                        + " differences follow a decision the owners marked as deviating from policy)\n")
                .append("  coverage: ").append(s.coverage()).append(" (").append(s.decidedScored()).append(" of ")
                .append(s.scored()).append(" scored keys decided)\n")
                .append("  open questions per service: median ").append(s.questionsMedianText()).append(", max ")
                .append(s.questionsMax()).append('\n')
                .append("  not scored (").append(ExpectedFile.MARK).append("): ").append(s.notScored()).append(s.notScored() == 1 ? " key, " : " keys, ")
                .append(s.notScoredDiffering()).append(" of them differ\n");
        return out.toString();
    }

    private static void serviceText(ServiceScore score, StringBuilder out) {
        if (!score.decided()) {
            out.append(score.service()).append(": not decided: ").append(score.failure()).append('\n');
            return;
        }
        List<KeyVerdict> differ = score.scored(KeyVerdict.Outcome.DIFFERS);
        List<KeyVerdict> undecided = score.scored(KeyVerdict.Outcome.UNDECIDED);
        int agree = score.scored(KeyVerdict.Outcome.AGREES).size();
        String notScored = score.marked().isEmpty() ? "" : " (" + score.marked().size() + " not scored)";
        if (differ.isEmpty() && undecided.isEmpty()) {
            out.append(score.service()).append(": all ").append(agree).append(agree == 1 ? " scored key agrees" : " scored keys agree").append(notScored).append('\n');
            return;
        }
        out.append(score.service()).append(": ").append(differ.size()).append(differ.size() == 1 ? " differs, " : " differ, ")
                .append(undecided.size()).append(" undecided, ").append(agree).append(agree == 1 ? " agrees" : " agree")
                .append(notScored).append('\n');
        differ.forEach(v -> out.append("  ").append(v.line()).append('\n'));
        undecided.forEach(v -> out.append("  ").append(v.line()).append('\n'));
        if (!undecided.isEmpty()) {
            if (score.questions().isEmpty()) {
                out.append("  open questions: none\n");
            } else {
                out.append("  open questions:\n");
                for (RecordedQuestion q : score.questions()) {
                    out.append("    ").append(q.about()).append(": ").append(q.question()).append('\n');
                }
            }
        }
    }

    /**
     * The same figures as a tree of maps and lists, for scripts that track agreement over
     * time; the command prints it with the record's JSON printer.
     */
    public Map<String, Object> tree() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> services = new ArrayList<>();
        for (ServiceScore score : scores) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("service", score.service());
            service.put("decided", score.decided());
            if (!score.decided()) {
                service.put("failure", score.failure());
            } else {
                service.put("agree", score.scored(KeyVerdict.Outcome.AGREES).stream().map(KeyVerdict::key).toList());
                service.put("differ", score.scored(KeyVerdict.Outcome.DIFFERS).stream().map(AgreementReport::verdictJson).toList());
                service.put("undecided", score.scored(KeyVerdict.Outcome.UNDECIDED).stream().map(AgreementReport::verdictJson).toList());
                service.put("notScored", score.marked().stream().map(AgreementReport::verdictJson).toList());
                service.put("questions", score.questions().stream().map(q -> {
                    Map<String, Object> question = new LinkedHashMap<>();
                    question.put("about", q.about());
                    question.put("question", q.question());
                    return question;
                }).toList());
            }
            services.add(service);
        }
        AgreementSummary s = summary;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("services", s.services());
        figures.put("servicesDecided", s.servicesDecided());
        figures.put("scoredKeys", s.scored());
        figures.put("decidedScoredKeys", s.decidedScored());
        figures.put("agreeingKeys", s.agreeing());
        figures.put("precision", ratio(s.agreeing(), s.decidedScored()));
        figures.put("differingInheritedFromDeviations", s.differingInherited());
        figures.put("coverage", ratio(s.decidedScored(), s.scored()));
        figures.put("openQuestionsMedian", s.questionsMedian());
        figures.put("openQuestionsMax", s.questionsMax());
        figures.put("notScoredKeys", s.notScored());
        figures.put("notScoredDiffering", s.notScoredDiffering());
        root.put("services", services);
        root.put("summary", figures);
        return root;
    }

    private static Map<String, Object> verdictJson(KeyVerdict v) {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("key", v.key());
        verdict.put("outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT));
        verdict.put("expected", v.expectation().value());
        if (v.outcome() != KeyVerdict.Outcome.UNDECIDED) {
            verdict.put("decided", v.decided());
            verdict.put("rule", v.rule());
        } else if (v.blockedBy() != null) {
            verdict.put("blockedBy", v.blockedBy());
        }
        return verdict;
    }

    /** A fraction rounded to 4 places (a percentage with two decimals), or null when there is nothing to divide. */
    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
