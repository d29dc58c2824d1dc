package dev.nixpolicy.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.YamlLocations;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.record.RecordedQuestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch's findings, open questions and unusable facts files as one SARIF 2.1.0 log, the
 * format CI systems turn into annotations (GitHub code scanning, GitLab, reviewdog): each
 * result points at the line of the facts file that caused it. A finding points at the first
 * facts key its rule matched, a question at the key it asks about (or the nearest key above
 * it when the key is left out), bad input at its file:line:column.
 */
public final class SarifReport {
    /** One facts file of the batch: where it is, how the log names it, and its record or why it has none. */
    public record Subject(Path file, String uri, DecisionRecord record, BadInputException failure) {}

    static final String QUESTION = "open-question";
    static final String BAD_INPUT = "bad-input";

    private SarifReport() {}

    public static String of(List<Subject> subjects, String toolVersion) {
        Map<String, Map<String, Object>> rules = new TreeMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (Subject subject : subjects) {
            if (subject.failure() != null) {
                BadInputException bad = subject.failure();
                rules.putIfAbsent(BAD_INPUT, rule(BAD_INPUT, "A facts file that cannot be used (exit 2).", null));
                results.add(result(BAD_INPUT, "error", bad.problem(), subject.uri(), new YamlLocations.Location(bad.line(), bad.column())));
                continue;
            }
            DecisionRecord record = subject.record();
            for (RecordedFinding finding : record.findings()) {
                rules.putIfAbsent(finding.code(), rule(finding.code(), "Finding " + finding.code() + " (rule \"" + finding.rule() + "\")",
                        finding.source()));
                String level = switch (finding.severity()) {
                    case "error" -> "error";
                    case "warning" -> "warning";
                    default -> "note";
                };
                String path = finding.facts().stream().filter(p -> !p.startsWith("host.")).findFirst().orElse("service");
                results.add(result(finding.code(), level, record.service() + ": " + finding.message(), subject.uri(),
                        FactsLoader.locate(subject.file(), path)));
            }
            for (RecordedQuestion question : record.questions()) {
                rules.putIfAbsent(QUESTION, rule(QUESTION, "An open question whose answer would change a decision; generate writes nothing while one is open.", null));
                String blocks = question.blocks().isEmpty() ? "" : " (decides " + String.join(", ", question.blocks()) + ")";
                results.add(result(QUESTION, "warning", record.service() + ": " + question.about() + ": " + question.question() + blocks,
                        subject.uri(), FactsLoader.locate(subject.file(), question.about())));
            }
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "nixpolicy");
        driver.put("version", toolVersion);
        driver.put("rules", new ArrayList<>(rules.values()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> rule(String id, String description, String source) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        rule.put("shortDescription", Map.of("text", description));
        if (source != null) {
            rule.put("help", Map.of("text", "Policy source: " + source));
        }
        return rule;
    }

    private static Map<String, Object> result(String ruleId, String level, String message, String uri, YamlLocations.Location at) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", Math.max(1, at.line()));
        region.put("startColumn", Math.max(1, at.column()));
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri));
        physical.put("region", region);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", ruleId);
        result.put("level", level);
        result.put("message", Map.of("text", message));
        result.put("locations", List.of(Map.of("physicalLocation", physical)));
        return result;
    }
}
