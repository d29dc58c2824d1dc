package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.EngineRun;
import dev.nixpolicy.engine.RuleInfo;
import dev.nixpolicy.engine.RuleLocations;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.DecisionKey;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.FactsFiles;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.pipeline.RulesSource;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedDecision;
import dev.nixpolicy.record.RecordedQuestion;
import dev.nixpolicy.render.RationaleView;
import dev.nixpolicy.render.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show where a decision key's policy lives: every rule that decides or helps decide KEY"
                + " (its @decides names it), with file:line, matrix row and policy source.",
            "Given a facts file, also the value decided, the rule that decided it and its facts, the rules that fired"
                + " and those not taken, and what would change the answer (the facts those rules read, the open"
                + " questions that hold it, an override)."})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "A decision key (e.g. port, auth, recordsize).")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FACTS", description = "A facts file to explain the decision for.")
    Path facts;

    @Option(names = "--host", paramLabel = "HOSTFACTS", description = "The host's facts file (as for decide).")
    Path host;

    @Option(names = "--rules", paramLabel = "DIR", description = "A folder of .drl files to use instead of the shipped rules/.")
    Path rules;

    @Override
    public Integer call() throws BadInputException, BadRulesException, SourceNotFoundException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DecisionKey> decisionKey = DecisionKey.byKey(key);
        if (decisionKey.isEmpty()) {
            err.println("nixpolicy: " + key + " is not a decision key; known keys: " + String.join(", ", DecisionKey.keys()));
            return ExitCode.BAD_INPUT;
        }
        ProjectLayout layout = ProjectLayout.locate();
        UserConfig config = UserConfig.ofWorkingDirectory();
        Path rulesDir = config.rules(rules, layout).orElse(null);
        RulesSource source = RulesSource.of(rulesDir, layout.rules());
        Consumer<String> notice = message -> err.println("nixpolicy: " + message);
        Pipeline pipeline = new Pipeline(Pipeline.loadRules(source.folder(), source.displayName(), notice));
        Map<String, RuleLocations.Located> located;
        try {
            located = RuleLocations.of(source.folder());
        } catch (IOException e) {
            err.println("nixpolicy: cannot read the rules: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        List<RuleInfo> candidates = pipeline.rules().rules().stream()
.filter(r -> r.decides().contains(key))
                .sorted(java.util.Comparator.comparing((RuleInfo r) -> located.get(r.name()),
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))).toList();

        out.println(key + ": " + decisionKey.get().describe());
        EngineRun run = null;
        DecisionRecord record = null;
        if (facts != null) {
            ServiceFacts service = pipeline.readService(facts);
            HostFacts hostFacts = pipeline.readHost(config.hostChoice(host, layout, notice).hostFor(List.of(facts)));
            record = pipeline.decide(service, hostFacts, FactsFiles.display(facts));
            run = pipeline.run(service, hostFacts);
            explainRecord(out, record, located);
        }
        out.println();
        out.println("Rules that decide or help decide " + key + " (" + candidates.size() + "):");
        for (RuleInfo rule : candidates) {
            String state = run == null ? "" : record.decision(key).map(RecordedDecision::rule).filter(rule.name()::equals).isPresent()
                    ? "decided    " : run.firedRules().contains(rule.name()) ? "fired      " : "not taken  ";
            out.println("  " + state + where(located, rule) + "  \"" + rule.name() + "\"");
            out.println("      " + rule.matrix() + ", row " + rule.row() + "; " + TerminalText.escape(rule.source()));
            RuleLocations.Located at = located.get(rule.name());
            if (at != null && !at.factPaths().isEmpty()) {
                out.println("      reads " + String.join(", ", at.factPaths()));
            }
        }
        if (record != null) {
            whatWouldChange(out, record, candidates, located);
        }
        out.flush();
        return ExitCode.OK;
    }

    private void explainRecord(PrintWriter out, DecisionRecord record, Map<String, RuleLocations.Located> located) {
        Optional<RecordedDecision> decided = record.decision(key);
        out.println();
        if (decided.isEmpty()) {
            out.println(record.service() + " (" + record.factsFile() + "): " + key + " is not decided");
            return;
        }
        RecordedDecision d = decided.get();
        out.println(record.service() + " (" + record.factsFile() + "): " + key + " = " + TerminalText.escape(RationaleView.text(d.value())));
        RuleLocations.Located at = located.get(d.rule());
        out.println("  by rule \"" + d.rule() + "\"" + (at == null ? "" : " (" + FactsFiles.display(at.file()) + ":" + at.line() + ")")
                + "; " + d.matrix() + ", row " + d.row());
        out.println("  because " + TerminalText.escape(String.join("; ", d.because())));
        if (d.reason() != null) {
            out.println("  an override, because " + TerminalText.escape(d.reason()));
        }
    }

    private void whatWouldChange(PrintWriter out, DecisionRecord record, List<RuleInfo> candidates,
                                 Map<String, RuleLocations.Located> located) {
        out.println();
        out.println("What would change it:");
        List<RecordedQuestion> holding = record.questions().stream().filter(q -> q.blocks().contains(key)).toList();
        for (RecordedQuestion question : holding) {
            out.println("  the answer to " + question.about() + ": " + question.question());
        }
        TreeSet<String> read = new TreeSet<>();
        for (RuleInfo rule : candidates) {
            RuleLocations.Located at = located.get(rule.name());
            if (at != null) {
                read.addAll(at.factPaths());
            }
        }
        if (!read.isEmpty()) {
            out.println("  a different value of a fact these rules read: " + String.join(", ", read));
        }
        out.println("  an override in the facts: overrides: [{ decision: " + key + ", value: …, reason: … }]");
    }

    private static String where(Map<String, RuleLocations.Located> located, RuleInfo rule) {
        RuleLocations.Located at = located.get(rule.name());
        return at == null ? "(compiled)" : FactsFiles.display(at.file()) + ":" + at.line();
    }
}
