package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.Batch;
import dev.nixpolicy.pipeline.BatchDecision;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.pipeline.ProgressLine;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.record.RecordedFinding;
import dev.nixpolicy.record.RecordedQuestion;
import dev.nixpolicy.render.GeneratedFiles;
import dev.nixpolicy.render.OutputFolder;
import dev.nixpolicy.render.Templates;
import dev.nixpolicy.render.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Decide services and write their NixOS module, host file and rationale.",
            "Per service, under DIR:",
            "  hosts/_modules/nixos/services/<svc>/default.nix",
            "  hosts/<host>/services/<svc>.nix",
            "  docs/services/<svc>.md",
            "All or nothing: a finding of severity error, or any file that may not be",
            "replaced, writes nothing."})
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FACTS", description = "Facts files (YAML; every key is described in docs/facts-reference.md) or folders of them.")
    List<Path> facts;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The configuration repository to write into.")
    Path out;

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

    @Option(names = "--force", description = "Replace existing files, but only ones nixpolicy generated (they carry its header).")
    boolean force;

    @Option(names = "--check", description = "Write nothing; print a unified diff of every file that differs from what "
            + "would be generated and exit 1 if any does.")
    boolean check;

    @Override
    public Integer call() throws BadInputException, BadRulesException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        OutputFolder folder = new OutputFolder(out, notice -> stderr.println("nixpolicy: " + notice));
        try {
            // Before anything else: a batch an interrupted run left is finished or rolled back
            // (generate), or refused (--check, which changes nothing and would compare a folder in flux).
            if (check) {
                List<Path> pending = folder.pendingBatches();
                if (!pending.isEmpty()) {
                    pending.forEach(staging -> stderr.println("nixpolicy: " + staging + ": left by a generate that is running"
                            + " or was interrupted; run generate without --check to finish or roll back an interrupted one"));
                    stderr.println("nixpolicy: nothing compared");
                    return ExitCode.BAD_INPUT;
                }
            } else {
                folder.recover().forEach(line -> stderr.println("nixpolicy: " + line));
            }
        } catch (IOException e) {
            stderr.println("nixpolicy: " + e.getMessage());
            stderr.println("nixpolicy: nothing written");
            return ExitCode.BAD_INPUT;
        }
        ProjectLayout layout = ProjectLayout.locate();
        try {
            UserConfig config = UserConfig.ofWorkingDirectory();
            GeneratedFiles generator = new GeneratedFiles(new Templates(config.templates(templates, layout)));
            generator.prepare();
            // Every bad facts file of the batch is reported, not just the first; nothing is written then.
            List<BatchDecision.Attempt> attempts = config.batch(rules, host, layout, message -> stderr.println("nixpolicy: " + message))
                    .decideAll(facts);
            List<BadInputException> failures = attempts.stream().map(BatchDecision.Attempt::failure).filter(java.util.Objects::nonNull).toList();
            if (!failures.isEmpty()) {
                failures.forEach(f -> stderr.println("nixpolicy: " + f.getMessage()));
                stderr.println("nixpolicy: nothing written: " + failures.size() + " of " + attempts.size() + " facts files cannot be used");
                return ExitCode.BAD_INPUT;
            }
            List<DecisionRecord> records = attempts.stream().map(BatchDecision.Attempt::record).toList();
            boolean errors = false;
            for (DecisionRecord record : records) {
                for (RecordedFinding f : record.findings()) {
                    if (f.severity().equals("error")) {
                        errors = true;
                        stderr.println("nixpolicy: " + record.factsFile() + ": error " + f.code() + ": " + f.message());
                    }
                }
                for (RecordedQuestion q : record.questions()) {
                    if (!q.blocks().isEmpty()) {
                        errors = true;
                        stderr.println("nixpolicy: " + record.factsFile() + ": open question " + q.about() + " keeps "
                                + String.join(", ", q.blocks()) + " undecided: " + q.question());
                    }
                }
            }
            if (errors) {
                stderr.println("nixpolicy: nothing written: findings of severity error or open questions that keep decisions"
                        + " undecided (run decide for the rationale)");
                return ExitCode.ERROR_FINDING;
            }
            ProgressLine progress = ProgressLine.onStderr(records.size());
            Map<String, String> files = new LinkedHashMap<>();
            Batch.map(records, record -> Pipeline.render(record, generator), () -> progress.advance("rendered")).forEach(files::putAll);
            progress.done();
            if (check) {
                return check(folder, files, stdout);
            }
            Optional<String> refusal = folder.refusal(files, force);
            if (refusal.isPresent()) {
                refusal.get().lines().forEach(line -> stderr.println("nixpolicy: " + line));
                stderr.println("nixpolicy: nothing written");
                return ExitCode.BAD_INPUT;
            }
            List<String> changed = folder.write(files);
            changed.forEach(path -> stdout.println("wrote " + out.resolve(path)));
            stdout.println(records.size() + " service(s), " + files.size() + " file(s), " + changed.size() + " changed");
            stdout.flush();
            return ExitCode.OK;
        } catch (SourceNotFoundException e) {
            stderr.println("nixpolicy: " + e.getMessage());
            stderr.println("nixpolicy: nothing written");
            return ExitCode.BAD_INPUT;
        } catch (OutputFolder.UnsafePathException e) {
            stderr.println("nixpolicy: " + e.getMessage());
            stderr.println("nixpolicy: nothing written");
            return ExitCode.BAD_INPUT;
        } catch (OutputFolder.RollbackFailedException e) {
            stderr.println("nixpolicy: cannot write " + out + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (IOException e) {
            stderr.println("nixpolicy: cannot write " + out + ": " + e.getMessage() + "; nothing written");
            return ExitCode.BAD_INPUT;
        }
    }

    private int check(OutputFolder folder, Map<String, String> files, PrintWriter stdout) throws IOException {
        // Everything is read (never through a symbolic link) before anything is printed.
        Map<String, String> existing = new LinkedHashMap<>();
        for (String name : files.keySet()) {
            existing.put(name, folder.existing(name).orElse(""));
        }
        int differing = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            String diff = UnifiedDiff.of(file.getKey(), existing.get(file.getKey()), file.getValue());
            if (!diff.isEmpty()) {
                differing++;
                stdout.print(diff);
            }
        }
        stdout.flush();
        spec.commandLine().getErr().println("nixpolicy: " + differing + " of " + files.size() + " file(s) differ from what would be generated");
        return differing == 0 ? ExitCode.OK : ExitCode.ERROR_FINDING;
    }
}
