package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.BatchDecision;
import dev.nixpolicy.pipeline.FactsFiles;
import dev.nixpolicy.pipeline.RulesSource;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.ImpactReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "impact",
        mixinStandardHelpOptions = true,
        description = {"Show what a rule change does to the decisions of services.",
            "Decides the services under both rule sets and prints, per service, every decision",
            "whose value changes (key, old -> new, rule) and every finding that appears or",
            "goes, then a one-line summary. Exit 0 when nothing changes, 1 when something does."})
final class ImpactCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FACTS", description = "Facts files or folders; default: the shipped examples in facts/.")
    List<Path> facts;

    @Option(names = "--base-rules", paramLabel = "DIR", required = true, description = "The rules before the change (e.g. main's rules/).")
    Path baseRules;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "The rules after the change. Default: the rules given in .nixpolicy.yaml, else the"
                    + " shipped rules/.")
    Path rules;

    @Option(names = "--host", paramLabel = "HOSTFACTS",
            description = "The host's facts file. Default: from .nixpolicy.yaml, else the only *.yaml in a hosts/ folder"
                    + " beside the facts, else the shipped facts/hosts/forge.yaml.")
    Path host;

    @Override
    public Integer call() throws BadInputException, BadRulesException, SourceNotFoundException {
        ProjectLayout layout = ProjectLayout.locate();
        PrintWriter out = spec.commandLine().getOut();
        if (!java.nio.file.Files.isDirectory(baseRules)) {
            throw new SourceNotFoundException("--base-rules " + baseRules + ": no such folder");
        }
        UserConfig config = UserConfig.ofWorkingDirectory();
        Consumer<String> notice = message -> spec.commandLine().getErr().println("nixpolicy: " + message);
        List<Path> arguments = facts == null || facts.isEmpty() ? List.of(layout.home().resolve("facts")) : facts;
        List<DecisionRecord> before = decided(config.batch(new RulesSource(baseRules, FactsFiles.display(baseRules)), host, layout, notice)
                .decideAll(arguments));
        List<DecisionRecord> after = decided(config.batch(rules, host, layout, notice).decideAll(arguments));
        ImpactReport report = ImpactReport.compare(before, after);
        out.print(report.text());
        out.flush();
        return report.isEmpty() ? ExitCode.OK : ExitCode.ERROR_FINDING;
    }

    /** The records of a batch; its first unusable facts file fails the comparison. */
    private static List<DecisionRecord> decided(List<BatchDecision.Attempt> attempts) throws BadInputException {
        for (BatchDecision.Attempt attempt : attempts) {
            if (attempt.failure() != null) {
                throw attempt.failure();
            }
        }
        return attempts.stream().map(BatchDecision.Attempt::record).toList();
    }
}
