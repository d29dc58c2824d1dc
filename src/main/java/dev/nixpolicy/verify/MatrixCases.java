package dev.nixpolicy.verify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.Decision;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.engine.Finding;
import dev.nixpolicy.engine.FollowUp;
import dev.nixpolicy.engine.Question;
import dev.nixpolicy.engine.Required;
import dev.nixpolicy.engine.RuleInfo;
import dev.nixpolicy.engine.RuleLocations;
import dev.nixpolicy.engine.Traced;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.record.RecordedQuestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The matrix cases kept beside the rules ({@code <name>.cases.yaml} beside {@code <name>.drl}),
 * run as a suite: each case file names its rule file and matrix, each case's facts (its
 * fragment merged over {@code case-baseline.yaml}) are decided and its expectations checked,
 * and every row of every rule file must be exercised by a case of its own file. {@code nixpolicy
 * test --cases} and the unit tests run the same suite.
 */
public final class MatrixCases {
    /** The complete service every case starts from, kept in the rules folder. */
    public static final String BASELINE = "case-baseline.yaml";
    private static final String SUFFIX = ".cases.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One case run: what failed (nothing when it passed), the facts it ran on, the rules whose
     * outcomes it checked, and the engine's run and record (null when the case's facts could not be built).
     */
    public record Outcome(Path file, MatrixCase matrixCase, String effectiveFacts, List<String> failures, Set<String> exercised,
                          EngineRun run, DecisionRecord record) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** A row of a rule file that no case of its file exercises, with the rules written for it. */
    public record UncoveredRow(Path ruleFile, String matrix, String row, List<String> rules) {}

    /** The whole suite: every case's outcome, the rows without a case, the rule files without a case file. */
    public record Report(List<Outcome> outcomes, List<UncoveredRow> uncovered, List<Path> ruleFilesWithoutCases) {
        public boolean passed() {
            return outcomes.stream().allMatch(Outcome::passed) && uncovered.isEmpty() && ruleFilesWithoutCases.isEmpty();
        }

        public String text() {
            StringBuilder out = new StringBuilder();
            Map<Path, List<Outcome>> byFile = new LinkedHashMap<>();
            outcomes.forEach(o -> byFile.computeIfAbsent(o.file(), f -> new ArrayList<>()).add(o));
            byFile.forEach((file, list) -> {
                long failing = list.stream().filter(o -> !o.passed()).count();
                out.append(file.getFileName()).append(": ").append(list.size()).append(" case(s)")
                        .append(failing == 0 ? ", all pass" : ", " + failing + " failing").append('\n');
                for (Outcome o : list) {
                    if (!o.passed()) {
                        out.append("  FAIL \"").append(o.matrixCase().name()).append("\"\n");
                        o.failures().forEach(f -> out.append("    ").append(f.replace("\n", "\n    ")).append('\n'));
                        out.append("    effective facts (the case merged over ").append(BASELINE).append("):\n");
                        o.effectiveFacts().lines().forEach(line -> out.append("      ").append(line).append('\n'));
                    }
                }
            });
            for (Path file : ruleFilesWithoutCases) {
                out.append(file.getFileName()).append(": no ").append(casesFileName(file)).append(" beside it\n");
            }
            for (UncoveredRow row : uncovered) {
                out.append(row.ruleFile().getFileName()).append(": row ").append(row.row()).append(" of ").append(row.matrix())
                        .append(" has no case that checks an outcome of its rules (").append(String.join(", ", row.rules()))
                        .append(")\n");
            }
            long failing = outcomes.stream().filter(o -> !o.passed()).count();
            out.append(outcomes.size()).append(" case(s), ").append(failing).append(" failing; ").append(uncovered.size())
                    .append(" row(s) without a case; ").append(ruleFilesWithoutCases.size()).append(" rule file(s) without cases\n");
            return out.toString();
        }
    }

    private final Path rulesFolder;
    private final Pipeline pipeline;
    private final Path hostFile;

    /** The suite of {@code rulesFolder}, decided by {@code pipeline} (loaded from that folder) on {@code hostFile}. */
    public MatrixCases(Path rulesFolder, Pipeline pipeline, Path hostFile) {
        this.rulesFolder = rulesFolder;
        this.pipeline = pipeline;
        this.hostFile = hostFile;
    }

    /** The case files of a rules folder, in name order. */
    public static List<Path> caseFiles(Path rulesFolder) throws IOException {
        try (Stream<Path> listing = Files.list(rulesFolder)) {
            return listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private static String casesFileName(Path ruleFile) {
        return ruleFile.getFileName().toString().replaceFirst("\\.drl$", SUFFIX);
    }

    /** A case file; one that is not YAML of the expected shape is bad input at its line and column. */
    public static MatrixCase.File read(Path file) throws BadInputException {
        String text = readText(file);
        try {
            return YAML.readValue(text, MatrixCase.File.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(file, at == null ? 1 : Math.max(1, at.getLineNr()), at == null ? 1 : Math.max(1, at.getColumnNr()),
                    e.getOriginalMessage());
        }
    }

    /** Runs every case file of the folder and checks that every rule file has cases and every row a case. */
    public Report run() throws BadInputException, BadRulesException {
        Map<String, RuleLocations.Located> located;
        List<Path> caseFiles;
        try {
            located = RuleLocations.of(rulesFolder);
            caseFiles = caseFiles(rulesFolder);
        } catch (IOException e) {
            throw new BadInputException(rulesFolder, 1, 1, "cannot read the rules folder: " + e.getMessage());
        }
        Path baselineFile = rulesFolder.resolve(BASELINE);
        Map<String, Object> baseline = CaseFacts.read(baselineFile, readText(baselineFile));
        Map<String, Object> hostBase = CaseFacts.read(hostFile, readText(hostFile));
        HostFacts host = pipeline.readHost(hostFile);
        Map<String, RuleInfo> infos = new LinkedHashMap<>();
        pipeline.rules().rules().forEach(r -> infos.put(r.name(), r));

        List<Outcome> outcomes = new ArrayList<>();
        Set<Path> ruleFilesWithCases = new TreeSet<>();
        Map<Path, Set<String>> exercisedByFile = new TreeMap<>();
        for (Path file : caseFiles) {
            MatrixCase.File cases = read(file);
            Path ruleFile = rulesFolder.resolve(cases.ruleFile());
            checkNamedRuleFile(file, cases, ruleFile, located, infos);
            ruleFilesWithCases.add(ruleFile.toAbsolutePath().normalize());
            Set<String> exercised = exercisedByFile.computeIfAbsent(ruleFile.toAbsolutePath().normalize(), f -> new TreeSet<>());
            for (MatrixCase c : cases.cases()) {
                Outcome outcome = run(file, c, baseline, hostBase, host, infos, located, ruleFile);
                outcomes.add(outcome);
                exercised.addAll(outcome.exercised());
            }
        }
        return new Report(outcomes, uncoveredRows(located, infos, exercisedByFile), ruleFilesWithout(ruleFilesWithCases, located));
    }

    private static String readText(Path file) throws BadInputException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file, 1, 1, "cannot read: " + e.getMessage());
        }
    }

    /** The case file's rule file exists beside it, holds rules of its matrix, and every rule a case names. */
    private static void checkNamedRuleFile(Path file, MatrixCase.File cases, Path ruleFile, Map<String, RuleLocations.Located> located,
                                           Map<String, RuleInfo> infos) throws BadInputException {
        Path normalized = ruleFile.toAbsolutePath().normalize();
        List<String> rulesOfFile = located.entrySet().stream()
                .filter(e -> e.getValue().file().toAbsolutePath().normalize().equals(normalized)).map(Map.Entry::getKey).toList();
        if (!Files.isRegularFile(ruleFile) || rulesOfFile.isEmpty()) {
            throw new BadInputException(file, FactsLoader.locate(file, "ruleFile"), "ruleFile: " + cases.ruleFile()
                    + " is not a rule file of " + ruleFile.getParent());
        }
        boolean ofMatrix = rulesOfFile.stream().map(infos::get).anyMatch(r -> r != null && r.matrix().equals(cases.matrix()));
        if (!ofMatrix) {
            throw new BadInputException(file, FactsLoader.locate(file, "matrix"), "matrix: no rule of " + cases.ruleFile()
                    + " has @matrix(\"" + cases.matrix() + "\")");
        }
        for (int i = 0; i < cases.cases().size(); i++) {
            List<String> without = cases.cases().get(i).withoutRules();
            for (int j = 0; j < without.size(); j++) {
                if (!infos.containsKey(without.get(j))) {
                    throw new BadInputException(file, FactsLoader.locate(file, "cases[" + i + "].withoutRules[" + j + "]"),
                            "withoutRules: \"" + without.get(j) + "\" is not a rule of " + ruleFile.getParent());
                }
            }
            for (Map.Entry<String, String> named : cases.cases().get(i).rules().entrySet()) {
                if (!rulesOfFile.contains(named.getValue())) {
                    throw new BadInputException(file, FactsLoader.locate(file, "cases[" + i + "].rules." + named.getKey()),
                            "rule \"" + named.getValue() + "\" is not a rule of " + cases.ruleFile());
                }
            }
        }
    }

    private Outcome run(Path file, MatrixCase c, Map<String, Object> baseline, Map<String, Object> hostBase, HostFacts shippedHost,
                        Map<String, RuleInfo> infos, Map<String, RuleLocations.Located> located, Path ruleFile) throws BadInputException, BadRulesException {
        String factsYaml;
        try {
            factsYaml = CaseFacts.yaml(CaseFacts.unset(CaseFacts.merge(baseline, c.facts()), c.unset()));
        } catch (IllegalArgumentException e) {
            return new Outcome(file, c, "", List.of(e.getMessage()), Set.of(), null, null);
        }
        FactsLoader loader = new FactsLoader();
        ServiceFacts facts = loader.parseService(Path.of(file.getFileName() + " case \"" + c.name() + "\""), factsYaml);
        HostFacts host = c.host().isEmpty() ? shippedHost
                : loader.parseHost(Path.of(file.getFileName() + " host of \"" + c.name() + "\""), CaseFacts.yaml(CaseFacts.merge(hostBase, c.host())));
        Pipeline casePipeline = pipeline.without(Set.copyOf(c.withoutRules()));
        DecisionRecord record = casePipeline.decide(facts, host, "case");
        EngineRun run = casePipeline.run(facts, host);
        List<String> failures = failures(c, record);
        return new Outcome(file, c, factsYaml, failures, exercised(c, record, run, infos, located, ruleFile), run, record);
    }

    /** What the record shows that the case says it must not, or does not show that it must. */
    static List<String> failures(MatrixCase c, DecisionRecord record) {
        List<String> failures = new ArrayList<>();
        if (!c.expectsSomething()) {
            failures.add("the case expects nothing");
        }
        c.decisions().forEach((key, expected) -> {
            RecordedDecision decided = record.decisions().get(key);
            if (decided == null) {
                failures.add(key + " was not decided, expected " + expected + undecidedBecause(record, key));
            } else if (!expected.equals(decided.value())) {
                failures.add(key + " = " + decided.value() + " by rule \"" + decided.rule() + "\", expected " + expected);
            }
        });
        c.rules().forEach((key, rule) -> {
            RecordedDecision decided = record.decisions().get(key);
            if (decided == null) {
                failures.add(key + " was not decided, expected by rule \"" + rule + "\"" + undecidedBecause(record, key));
            } else if (!rule.equals(decided.rule())) {
                failures.add(key + " decided by rule \"" + decided.rule() + "\", expected by rule \"" + rule + "\"");
            }
        });
        for (String key : c.undecided()) {
            if (record.decisions().containsKey(key)) {
                RecordedDecision d = record.decisions().get(key);
                failures.add(key + " must stay undecided, but rule \"" + d.rule() + "\" decided " + d.value());
            }
        }
        List<String> codes = record.findings().stream().map(RecordedFinding::code).toList();
        c.findings().stream().filter(code -> !codes.contains(code))
                .forEach(code -> failures.add("finding " + code + " expected; findings: " + codes));
        c.absentFindings().stream().filter(codes::contains)
                .forEach(code -> failures.add("finding " + code + " must be absent; it says: " + messageOf(record, code)));
        List<String> abouts = record.questions().stream().map(RecordedQuestion::about).toList();
        c.questions().stream().filter(about -> !abouts.contains(about))
                .forEach(about -> failures.add("question about " + about + " expected; questions about: " + abouts));
        c.absentQuestions().stream().filter(abouts::contains)
                .forEach(about -> failures.add("question about " + about + " must be absent"));
        for (String expected : c.followUps()) {
            if (record.followUps().stream().noneMatch(f -> f.text().contains(expected))) {
                failures.add("a follow-up containing «" + expected + "» expected; follow-ups: " + record.followUps());
            }
        }
        for (String absent : c.absentFollowUps()) {
            if (record.followUps().stream().anyMatch(f -> f.text().contains(absent))) {
                failures.add("no follow-up containing «" + absent + "» expected");
            }
        }
        return failures;
    }

    private static String undecidedBecause(DecisionRecord record, String key) {
        List<String> why = new ArrayList<>();
        record.questions().stream().filter(q -> q.blocks().contains(key)).forEach(q -> why.add("open question about " + q.about()));
        record.findings().stream().filter(f -> key.equals(f.blocks())).forEach(f -> why.add(f.code() + ": " + f.message()));
        return why.isEmpty() ? "" : " (" + String.join("; ", why) + ")";
    }

    private static String messageOf(DecisionRecord record, String code) {
        return record.findings().stream().filter(f -> f.code().equals(code)).map(RecordedFinding::message).findFirst().orElse("");
    }

    /**
     * The rules of the case's own file whose outcome the case checks: a rule that inserted a
     * decision of a key the case checks, a finding or question it expects or one that keeps such
     * a key open, a follow-up it expects, or the requirement of such a key; an override rule
     * ({@code @decides("any")}) that fired where the case checks a key; and a rule that fired
     * and inserted only intermediate facts (observations, candidates) the others read, when it
     * is declared to help decide a key the case checks or no key at all.
     */
    private static Set<String> exercised(MatrixCase c, DecisionRecord record, EngineRun run, Map<String, RuleInfo> infos,
                                         Map<String, RuleLocations.Located> located, Path ruleFile) {
        Set<String> checkedKeys = new TreeSet<>(c.decisions().keySet());
        checkedKeys.addAll(c.rules().keySet());
        checkedKeys.addAll(c.undecided());
        Set<String> rules = new TreeSet<>();
        checkedKeys.stream().map(record.decisions()::get).filter(d -> d != null).forEach(d -> rules.add(d.rule()));
        Set<String> producedOutcomes = new TreeSet<>();
        for (Traced<Object> traced : run.inserted()) {
            String rule = traced.provenance().rule().name();
            Object value = traced.value();
            boolean outcome = value instanceof Decision || value instanceof Finding || value instanceof Question
                    || value instanceof FollowUp || value instanceof Required;
            if (outcome) {
                producedOutcomes.add(rule);
            }
            if (value instanceof Decision d && checkedKeys.contains(d.getKey())
                    || value instanceof Finding f && (c.findings().contains(f.getCode()) || f.getBlocks() != null && checkedKeys.contains(f.getBlocks()))
                    || value instanceof Question q && (c.questions().contains(q.getAbout()) || q.getBlocks().stream().anyMatch(checkedKeys::contains))
                    || value instanceof FollowUp u && c.followUps().stream().anyMatch(u.getText()::contains)
                    || value instanceof Required r && r.getKeys().stream().anyMatch(checkedKeys::contains)) {
                rules.add(rule);
            }
        }
        for (String fired : run.firedRules()) {
            RuleInfo info = infos.get(fired);
            boolean overrideRule = info != null && info.decides().contains(RuleInfo.ANY_KEY) && !checkedKeys.isEmpty();
            boolean intermediate = !producedOutcomes.contains(fired) && info != null
                    && (info.decides().contains(RuleInfo.NO_KEY) || info.decides().stream().anyMatch(checkedKeys::contains));
            if (overrideRule || intermediate) {
                rules.add(fired);
            }
        }
        Path own = ruleFile.toAbsolutePath().normalize();
        rules.removeIf(rule -> located.get(rule) == null || !located.get(rule).file().toAbsolutePath().normalize().equals(own));
        return rules;
    }

    private static List<UncoveredRow> uncoveredRows(Map<String, RuleLocations.Located> located, Map<String, RuleInfo> infos,
                                                    Map<Path, Set<String>> exercisedByFile) {
        Map<String, UncoveredRow> rows = new TreeMap<>();
        Set<String> coveredRows = new TreeSet<>();
        located.forEach((rule, at) -> {
            RuleInfo info = infos.get(rule);
            if (info == null) {
                return;
            }
            Path file = at.file().toAbsolutePath().normalize();
            String id = file + "#" + info.matrix() + "#" + info.row();
            if (exercisedByFile.getOrDefault(file, Set.of()).contains(rule)) {
                coveredRows.add(id);
            }
            UncoveredRow row = rows.computeIfAbsent(id, k -> new UncoveredRow(at.file(), info.matrix(), info.row(), new ArrayList<>()));
            row.rules().add(rule);
        });
        coveredRows.forEach(rows::remove);
        return List.copyOf(rows.values());
    }

    private static List<Path> ruleFilesWithout(Set<Path> withCases, Map<String, RuleLocations.Located> located) {
        Set<Path> all = new TreeSet<>();
        located.values().forEach(at -> all.add(at.file().toAbsolutePath().normalize()));
        all.removeAll(withCases);
        return List.copyOf(all);
    }
}
