package dev.nixpolicy.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.DrlFolder;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.Templates;
import dev.nixpolicy.testing.Project;
import dev.nixpolicy.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approved snapshots guard the policy: changing one decision of one rule changes an approved output. */
class SnapshotGuardTest {

    @Test
    void changingOneRuleChangesAnApprovedOutput(@TempDir Path dir) throws Exception {
        Path rules = Project.copyOfRules(dir);
        Path storage = rules.resolve("storage.drl");
        String drl = Files.readString(storage);
        String edited = drl.replaceFirst("insert\\(new Decision\\(\"recordsize\", \"128K\"\\)\\);",
                "insert(new Decision(\"recordsize\", \"1M\"));");
        assertFalse(edited.equals(drl), "the edit applies");
        Files.writeString(storage, edited);

        List<String> changed = changedSnapshots(new DrlFolder(rules, "rules").load());
        assertTrue(changed.contains("sonarr/module.nix"), "the media recordsize shows in sonarr's module: " + changed);
        assertTrue(changed.contains("sonarr/record.json"), changed.toString());
        assertTrue(changedSnapshots(Project.shippedPolicy()).isEmpty(), "the shipped rules match the approvals");
    }

    /** The approved files an example would now produce differently. */
    private static List<String> changedSnapshots(CompiledPolicy policy) throws Exception {
        List<String> changed = new ArrayList<>();
        FactsLoader loader = new FactsLoader();
        HostFacts host = Project.defaultHost();
        Templates templates = new Templates(Project.templates());
        for (Path example : Project.examples()) {
            String name = example.getFileName().toString().replace(".yaml", "");
            ServiceFacts facts = loader.loadService(example);
            DecisionRecord record = new Pipeline(policy).decide(facts, host, "facts/" + example.getFileName());
            for (Map.Entry<String, String> snapshot : Snapshots.of(record, templates).entrySet()) {
                Path approved = Project.dir().resolve("approvals").resolve(name).resolve(snapshot.getKey());
                if (!Files.exists(approved) || !Files.readString(approved).equals(snapshot.getValue())) {
                    changed.add(name + "/" + snapshot.getKey());
                }
            }
        }
        return changed;
    }
}
