package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.DrlFolder;
import dev.nixpolicy.engine.PolicyEngine;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordMaker;
import dev.nixpolicy.render.Rationale;
import dev.nixpolicy.render.RecordWriter;
import dev.nixpolicy.render.Templates;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decide",
        mixinStandardHelpOptions = true,
        description = "Decide one service and print the rationale (or the decision record as JSON or YAML).")
final class DecideCommand implements Callable<Integer> {
    enum Format { markdown, json, yaml }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FACTS", description = "The service's facts file (facts-v1 YAML).")
    Path facts;

    @Option(names = "--host", paramLabel = "HOSTFACTS",
            description = "The host's facts file; default: the shipped facts/hosts/forge.yaml.")
    Path host;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of .drl files to use instead of the shipped rules/.")
    Path rules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "markdown (the rationale, default), json or yaml (the decision record).")
    Format format;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.locate();
        try {
            FactsLoader loader = new FactsLoader();
            ServiceFacts serviceFacts = loader.loadService(facts);
            HostFacts hostFacts = loader.loadHost(host != null ? host : layout.defaultHost());
            CompiledPolicy policy = new DrlFolder(rules != null ? rules : layout.rules()).load();
            DecisionRecord record = new RecordMaker(loader, new PolicyEngine(policy))
                    .decide(serviceFacts, hostFacts, facts.toString());
            String text = switch (format) {
                case markdown -> new Rationale(new Templates(layout.templates())).render(record);
                case json -> RecordWriter.json(record);
                case yaml -> RecordWriter.yaml(record);
            };
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return record.hasErrors() ? ExitCode.ERROR_FINDING : ExitCode.OK;
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("nixpolicy: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (BadRulesException e) {
            for (String problem : e.problems()) {
                spec.commandLine().getErr().println("nixpolicy: " + problem);
            }
            return ExitCode.BAD_RULES;
        }
    }
}
