package dev.nixpolicy.testing;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.GeneratedFiles;
import dev.nixpolicy.render.Templates;
import java.nio.file.Path;
import java.util.Map;

/** Records and generated files of the shipped examples, made in-process with the shipped rules. */
public final class Generated {
    private Generated() {}

    public static DecisionRecord record(Path example) {
        try {
            FactsLoader loader = new FactsLoader();
            ServiceFacts facts = loader.loadService(example);
            HostFacts host = Project.defaultHost();
            return new Pipeline(Project.shippedPolicy()).decide(facts, host, "facts/" + example.getFileName());
        } catch (BadInputException | BadRulesException e) {
            throw new AssertionError(example + ": " + e.getMessage(), e);
        }
    }

    /** The record of a facts file decided against another host's facts (the real services' own host). */
    public static DecisionRecord record(Path facts, Path hostFile) {
        try {
            FactsLoader loader = new FactsLoader();
            return new Pipeline(Project.shippedPolicy())
                    .decide(loader.loadService(facts), loader.loadHost(hostFile), facts.getFileName().toString());
        } catch (BadInputException | BadRulesException e) {
            throw new AssertionError(facts + ": " + e.getMessage(), e);
        }
    }

    public static DecisionRecord record(String service) {
        return record(Project.dir().resolve("facts").resolve(service + ".yaml"));
    }

    /** The files generate writes for an example, by relative path. */
    public static Map<String, String> files(String service) {
        return files(record(service));
    }

    public static Map<String, String> files(DecisionRecord record) {
        return Pipeline.render(record, new GeneratedFiles(new Templates(Project.templates())));
    }

    public static String module(String service) {
        return files(service).get("hosts/_modules/nixos/services/" + service + "/default.nix");
    }

    public static String host(String service) {
        return files(service).get("hosts/forge/services/" + service + ".nix");
    }
}
