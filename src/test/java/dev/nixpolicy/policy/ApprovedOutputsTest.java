package dev.nixpolicy.policy;

import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.Templates;
import dev.nixpolicy.testing.FlatNamer;
import dev.nixpolicy.testing.Generated;
import dev.nixpolicy.testing.Project;
import dev.nixpolicy.testing.Snapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every output of every example in facts/ (discovered) against its approved snapshot in
 * approvals/<example>/. A difference fails and leaves a *.received.* file beside the
 * approved one; {@code -Dnixpolicy.approve=true} approves what the run produced.
 */
class ApprovedOutputsTest {
    static ApprovalFailureReporter reporter() {
        return Boolean.getBoolean("nixpolicy.approve") ? new AutoApproveReporter() : new QuietReporter();
    }

    @TestFactory
    Stream<DynamicNode> approvedOutputs() {
        Templates templates = new Templates(Project.templates());
        List<DynamicNode> examples = new ArrayList<>();
        for (Path example : Project.examples()) {
            String name = example.getFileName().toString().replace(".yaml", "");
            DecisionRecord record = Generated.record(example);
            Path dir = Project.dir().resolve("approvals").resolve(name);
            List<DynamicTest> outputs = new ArrayList<>();
            for (Map.Entry<String, String> snapshot : Snapshots.of(record, templates).entrySet()) {
                String file = snapshot.getKey();
                String base = file.substring(0, file.lastIndexOf('.'));
                String extension = file.substring(file.lastIndexOf('.'));
                outputs.add(DynamicTest.dynamicTest(file, dir.resolve(file).toUri(), () -> Approvals.verify(snapshot.getValue(),
                        new Options().withReporter(reporter()).forFile().withNamer(new FlatNamer(dir, base))
                                .forFile().withExtension(extension))));
            }
            examples.add(DynamicContainer.dynamicContainer(name, outputs.stream()));
        }
        return examples.stream();
    }
}
