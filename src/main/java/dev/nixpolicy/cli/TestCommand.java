package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.BatchDecision;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.pipeline.RulesLoading;
import dev.nixpolicy.pipeline.RulesSource;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.RecordWriter;
import dev.nixpolicy.verify.AgreementReport;
import dev.nixpolicy.verify.ExpectedFile;
import dev.nixpolicy.verify.MatrixCases;
import dev.nixpolicy.verify.ServiceScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = {"Measure how far the rules' decisions agree with what services' owners decided; with --cases,"
                + " run the matrix cases kept beside the rules.",
            "",
            "Each facts file X.yaml or X.facts.yaml is tested against X.expected.yaml beside it: flat "
                + "decision-record-v1 keys, one 'key: value' per line. A folder gives every facts file in it "
                + "that has an expected file. Without --host, and without a host in .nixpolicy.yaml, the host is "
                + "the only YAML file in a hosts/ folder beside the facts, if there is one.",
            "",
            "A key whose line carries a comment containing 'deviates-from-policy' is not scored: there the "
                + "owners broke their own written policy, and the rules should not follow them. Such keys "
                + "that differ are listed apart. Values compare as values: a list's order does not matter, "
                + "none and null are the same.",
            "",
            "Prints per service the keys that differ, with the rule that decided, and the undecided ones, "
                + "with the record's open questions; then the figures: services decided, precision "
                + "(agreeing / decided scored keys), coverage (decided / all scored keys), open questions "
                + "per service, keys not scored.",
            "",
            "A facts or expected file that cannot be used does not stop the run: that service is reported "
                + "as not decided, with its error, the others are still scored, and the exit code is 2."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scored key the rules decided agrees (undecided keys only lower coverage)",
            "1:a scored key the rules decided differs",
            "2:bad input: a facts, expected or host file or command line that cannot be used",
            "3:bad rules: DRL that does not compile, lacks metadata, or contradicts itself"})
final class TestCommand implements Callable<Integer> {
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FACTS",
            description = "Facts files, or folders: every facts file in them that has an expected file.")
    List<Path> facts;

    @Option(names = "--cases",
            description = "Run the matrix cases kept beside the rules instead (each <name>.cases.yaml beside <name>.drl, facts"
                    + " merged over case-baseline.yaml, on --host or the shipped example host): print each failing case with"
                    + " what differs and its effective facts, every rule file without cases and every row no case exercises;"
                    + " exit 1 if any.")
    boolean matrixCases;

    @Option(names = "--host", paramLabel = "HOSTFACTS",
            description = "The host's facts file. Default: from .nixpolicy.yaml, else the only *.yaml in a hosts/ folder"
                    + " beside the facts, else the shipped facts/hosts/forge.yaml.")
    Path host;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of .drl files to use instead of the shipped rules/. Default: from .nixpolicy.yaml,"
                    + " else the shipped rules/.")
    Path rules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the same figures as one JSON object).")
    Format format;

    /** A case's expected file, read, or why it cannot be used. */
    private record Expected(TestFiles.Case of, ExpectedFile file, BadInputException failure) {
        static Expected read(TestFiles.Case c) {
            try {
                return new Expected(c, ExpectedFile.read(c.expected()), null);
            } catch (BadInputException e) {
                return new Expected(c, null, e);
            }
        }
    }

    @Override
    public Integer call() throws BadInputException, BadRulesException, SourceNotFoundException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> notice = message -> err.println("nixpolicy: " + message);
        ProjectLayout layout = ProjectLayout.locate();
        UserConfig config = UserConfig.ofWorkingDirectory();
        if (matrixCases) {
            return runMatrixCases(out, config, layout, notice);
        }
        if (facts == null || facts.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "test needs FACTS (or --cases)");
        }
        List<TestFiles.Case> cases = TestFiles.cases(facts);
        Path hostFile = config.host(host).orElse(null);
        if (hostFile == null) {
            Optional<Path> beside = TestFiles.hostBeside(facts);
            if (beside.isPresent()) {
                hostFile = beside.get();
                notice.accept("host facts: " + hostFile);
            }
        }
        // Expected files first: they are quick to read, and one with a typo is not worth deciding for.
        List<Expected> expected = new ArrayList<>();
        for (TestFiles.Case c : cases) {
            expected.add(Expected.read(c));
        }
        List<Path> toDecide = expected.stream().filter(e -> e.failure() == null).map(e -> e.of().facts()).toList();
        Iterator<BatchDecision.Attempt> attempts = (toDecide.isEmpty() ? List.<BatchDecision.Attempt>of()
                : config.batch(rules, hostFile, layout, notice).decideEach(toDecide)).iterator();
        List<ServiceScore> scores = new ArrayList<>();
        boolean badInput = false;
        for (Expected e : expected) {
            BadInputException failure = e.failure();
            DecisionRecord record = null;
            if (failure == null) {
                BatchDecision.Attempt attempt = attempts.next();
                failure = attempt.failure();
                record = attempt.record();
            }
            if (failure != null) {
                badInput = true;
                Failures.badInput(err, failure);
                scores.add(ServiceScore.notDecided(e.of().name(), failure.getMessage()));
            } else {
                scores.add(ServiceScore.of(record, e.file()));
            }
        }
        AgreementReport report = new AgreementReport(scores);
        out.print(format == Format.json ? RecordWriter.jsonTree(report.tree()) : report.text());
        out.flush();
        if (badInput) {
            return ExitCode.BAD_INPUT;
        }
        return report.summary().differing() > 0 ? ExitCode.ERROR_FINDING : ExitCode.OK;
    }

    private int runMatrixCases(PrintWriter out, UserConfig config, ProjectLayout layout, Consumer<String> notice)
            throws BadInputException, BadRulesException, SourceNotFoundException {
        if (facts != null && !facts.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cases runs the cases beside the rules; it takes no FACTS");
        }
        RulesSource source = RulesSource.of(config.rules(rules, layout).orElse(null), layout.rules());
        Path hostFile = host != null ? config.host(host).orElseThrow() : UserConfig.shippedHost(layout);
        Pipeline pipeline = new Pipeline(RulesLoading.start(source, notice).await());
        MatrixCases.Report report = new MatrixCases(source.folder(), pipeline, hostFile).run();
        out.print(report.text());
        out.flush();
        return report.passed() ? ExitCode.OK : ExitCode.ERROR_FINDING;
    }
}
