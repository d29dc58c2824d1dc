package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.Batch;
import dev.nixpolicy.pipeline.BatchDecision;
import dev.nixpolicy.pipeline.FactsFiles;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.Rationale;
import dev.nixpolicy.render.RecordWriter;
import dev.nixpolicy.render.SarifReport;
import dev.nixpolicy.render.Templates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "decide",
        mixinStandardHelpOptions = true,
        description = "Decide services and print the rationale (or the decision record as JSON or YAML).")
final class DecideCommand implements Callable<Integer> {
    enum Format { text, markdown, json, yaml, sarif }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FACTS",
            description = "Facts files (YAML; every key is described in docs/facts-reference.md) or folders of them.")
    List<Path> facts;

    @Option(names = "--host", paramLabel = "HOSTFACTS",
            description = "The host's facts file. Default: from .nixpolicy.yaml, else the only *.yaml in a hosts/ folder"
                    + " beside the facts, else the shipped facts/hosts/forge.yaml.")
    Path host;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of .drl files to use instead of the shipped rules/. Default: from .nixpolicy.yaml,"
                    + " else the shipped rules/.")
    Path rules;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "A folder of Mustache templates to use instead of the shipped templates/. Default: from"
                    + " .nixpolicy.yaml, else the shipped templates/.")
    Path templates;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (the rationale as plain text; the default on a terminal), markdown (the rationale as"
                    + " Markdown; the default otherwise), json (an array of decision records, also for one file) or yaml"
                    + " (one YAML document per record) or sarif (SARIF 2.1.0 for CI annotations: every finding, open question and"
                    + " unusable file at the line of the facts file that caused it).")
    Format format;

    @Override
    public Integer call() throws BadInputException, BadRulesException, SourceNotFoundException {
        ProjectLayout layout = ProjectLayout.locate();
        UserConfig config = UserConfig.ofWorkingDirectory();
        Path templatesDir = config.templates(templates, layout);
        Format format = this.format != null ? this.format : System.console() != null ? Format.text : Format.markdown;
        boolean rationaleFormat = format == Format.text || format == Format.markdown;
        Rationale rationale = new Rationale(new Templates(templatesDir, format == Format.text));
        if (rationaleFormat) {
            rationale.prepare();
        }
        // Every file is decided or reported: one bad file does not hide the others.
        List<BatchDecision.Attempt> attempts = config.batch(rules, host, layout, message -> spec.commandLine().getErr().println("nixpolicy: " + message))
                .decideAll(facts);
        List<DecisionRecord> records = attempts.stream().filter(a -> a.record() != null).map(BatchDecision.Attempt::record).toList();
        StringBuilder out = new StringBuilder();
        // One shape whatever the number of files: jq '.[].decisions.port' works on one and on many.
        if (format == Format.json) {
            out.append(RecordWriter.jsonArray(records));
        } else if (format == Format.sarif) {
            out.append(SarifReport.of(attempts.stream().map(a -> new SarifReport.Subject(a.file(), FactsFiles.display(a.file()),
                    a.record(), a.failure())).toList(), new RootCommand.Version().getVersion()[0].replace("nixpolicy ", "")));
        } else {
            List<String> texts = Batch.map(records, record -> switch (format) {
                case text, markdown -> rationale.render(record);
                case json, sarif -> RecordWriter.json(record);
                case yaml -> RecordWriter.yaml(record);
            }, () -> {});
            out.append(String.join(rationaleFormat ? "\n---\n\n" : "---\n", texts));
        }
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
        List<BadInputException> failures = attempts.stream().map(BatchDecision.Attempt::failure).filter(java.util.Objects::nonNull).toList();
        failures.forEach(f -> spec.commandLine().getErr().println("nixpolicy: " + f.getMessage()));
        if (attempts.size() > 1) {
            long errors = records.stream().filter(DecisionRecord::hasErrors).count();
            long questions = records.stream().filter(r -> !r.questions().isEmpty()).count();
            spec.commandLine().getErr().println("nixpolicy: " + attempts.size() + " facts files: " + records.size() + " decided ("
                    + errors + " with error findings, " + questions + " with open questions), " + failures.size() + " bad input");
        }
        if (!failures.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        return records.stream().anyMatch(DecisionRecord::hasErrors) ? ExitCode.ERROR_FINDING : ExitCode.OK;
    }
}
