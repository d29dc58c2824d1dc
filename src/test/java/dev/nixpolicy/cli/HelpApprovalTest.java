package dev.nixpolicy.cli;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.FlatNamer;
import dev.nixpolicy.testing.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** What --help prints, per command, is reviewed like every other output (approvals/cli-help/). */
class HelpApprovalTest {
    @TestFactory
    Stream<DynamicTest> helpIsApproved() {
        Path dir = Project.dir().resolve("approvals/cli-help");
        return Stream.of("nixpolicy", "decide", "generate", "impact", "test", "schema", "init", "scan", "explain").map(command -> DynamicTest.dynamicTest(command, () -> {
            List<String> args = command.equals("nixpolicy") ? List.of("--help") : List.of(command, "--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            Approvals.verify(run.out() + run.err(), new Options()
                    .withReporter(Boolean.getBoolean("nixpolicy.approve") ? new AutoApproveReporter() : new QuietReporter())
                    .forFile().withNamer(new FlatNamer(dir, command)).forFile().withExtension(".txt"));
        }));
    }
}
