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
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code decide} and {@code generate} share: load every facts file and the host first
 * (so bad input fails fast), then the rules once, then decide each service with the same
 * KieBase.
 */
final class Pipeline {
    private final ProjectLayout layout;
    private final Path host;
    private final Path rules;

    Pipeline(ProjectLayout layout, Path host, Path rules) {
        this.layout = layout;
        this.host = host;
        this.rules = rules;
    }

    List<DecisionRecord> decide(List<Path> arguments) throws BadInputException, BadRulesException {
        return decide(arguments, rules);
    }

    /** Decides the services with the rules of {@code rulesDir} (null: the shipped rules). */
    List<DecisionRecord> decide(List<Path> arguments, Path rulesDir) throws BadInputException, BadRulesException {
        List<Path> files;
        try {
            files = FactsFiles.expand(arguments);
        } catch (IOException e) {
            throw new BadInputException(arguments.get(0), 1, 1, "cannot list facts: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new BadInputException(arguments.get(0), 1, 1, "no facts files (*.yaml) found");
        }
        FactsLoader loader = new FactsLoader();
        Map<String, ServiceFacts> services = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (Path file : files) {
            ServiceFacts facts = loader.loadService(file);
            Path earlier = from.putIfAbsent(facts.service().value(), file);
            if (earlier != null) {
                throw new BadInputException(file, 2, 1, "service \"" + facts.service().value()
                        + "\" is already described by " + earlier);
            }
            services.put(FactsFiles.display(file), facts);
        }
        HostFacts hostFacts = loader.loadHost(host != null ? host : layout.defaultHost());
        CompiledPolicy policy = (rulesDir != null ? new DrlFolder(rulesDir, FactsFiles.display(rulesDir))
                : new DrlFolder(layout.rules(), "rules")).load();
        RecordMaker maker = new RecordMaker(loader, new PolicyEngine(policy));
        List<DecisionRecord> records = new ArrayList<>();
        for (Map.Entry<String, ServiceFacts> service : services.entrySet()) {
            records.add(maker.decide(service.getValue(), hostFacts, service.getKey()));
        }
        return records;
    }
}
