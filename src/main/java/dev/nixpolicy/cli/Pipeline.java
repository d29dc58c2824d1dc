package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import dev.nixpolicy.engine.RuleFolder;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What {@code decide} and {@code generate} share: load every facts file and the host first
 * (so bad input fails fast), then the rules once, then decide each service with the same
 * KieBase.
 */
final class Pipeline {
    private final ProjectLayout layout;
    private final Path host;
    private final Path rules;
    private final java.util.function.Consumer<String> notice;

    Pipeline(ProjectLayout layout, Path host, Path rules, java.util.function.Consumer<String> notice) {
        this.layout = layout;
        this.host = host;
        this.rules = rules;
        this.notice = notice;
    }

    /** Decides the services with the rules of {@code rulesDir} (null: the shipped or --rules rules), as one batch. */
    List<DecisionRecord> decide(List<Path> arguments, Path rulesDir)
            throws BadInputException, BadRulesException, SourceNotFoundException {
        // Loading the rules and reading the facts are independent and each costs a few hundred
        // milliseconds on a cold JVM: do them on both cores. Bad facts still win over bad rules.
        FutureTask<CompiledPolicy> rulesLoading = startLoading(rulesDir);
        Map<String, ServiceFacts> services = readFacts(arguments);
        HostFacts hostFacts = new FactsLoader().loadHost(hostFile(arguments));
        CompiledPolicy policy = await(rulesLoading);
        RecordMaker maker = new RecordMaker(new PolicyEngine(policy));
        ProgressLine progress = ProgressLine.onStderr(services.size());
        List<Map.Entry<String, ServiceFacts>> entries = new ArrayList<>(services.entrySet());
        List<DecisionRecord> records = Batch.map(entries,
                service -> maker.decide(service.getValue(), hostFacts, service.getKey()), () -> progress.advance("decided"));
        progress.done();
        List<ServiceFacts> facts = entries.stream().map(Map.Entry::getValue).toList();
        return DistinctAllocations.separate(facts, records, hostFacts,
                (index, host) -> maker.decide(facts.get(index), host, entries.get(index).getKey()));
    }

    /** One facts file of a run that goes on past unusable files: its record, or why it has none. */
    record Attempt(Path file, DecisionRecord record, BadInputException failure) {}

    /**
     * Like {@link #decideEach}, for files and folders of them as given on the command line, as
     * one batch to be placed on the host together: no two services share a UID or a port.
     */
    List<Attempt> decideAll(List<Path> arguments) throws BadInputException, BadRulesException, SourceNotFoundException {
        List<Path> files = factsFilesOf(arguments);
        return decide(files, true);
    }

    /**
     * Decides each of {@code files} (no folders) with the shipped or --rules rules, going on
     * past facts files that cannot be used: each of those is an attempt with its failure. A
     * host file or rules that cannot be used still fail the whole run. Each service is decided
     * against the host alone, as {@code test} compares it with its own expectations.
     */
    List<Attempt> decideEach(List<Path> files) throws BadInputException, BadRulesException, SourceNotFoundException {
        return decide(files, false);
    }

    private List<Attempt> decide(List<Path> files, boolean oneBatch) throws BadInputException, BadRulesException, SourceNotFoundException {
        FutureTask<CompiledPolicy> rulesLoading = startLoading(rules);
        FactsLoader loader = new FactsLoader();
        List<Read> reads = new ArrayList<>(Batch.map(files, file -> {
            try {
                return new Read(file, loader.loadService(file), null);
            } catch (BadInputException e) {
                return new Read(file, null, e);
            }
        }, () -> {}));
        Map<String, Path> from = new LinkedHashMap<>();
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            if (read.facts() != null) {
                Path earlier = from.putIfAbsent(read.facts().service().value(), read.file());
                if (earlier != null) {
                    reads.set(i, new Read(read.file(), null, new BadInputException(read.file(), FactsLoader.locate(read.file(), "service"),
                            "service \"" + read.facts().service().value() + "\" is already described by " + earlier)));
                }
            }
        }
        // A batch of only bad files decides nothing: no host needed, none assumed aloud.
        HostFacts hostFacts = reads.stream().anyMatch(r -> r.facts() != null) ? new FactsLoader().loadHost(hostFile(files)) : null;
        RecordMaker maker = new RecordMaker(new PolicyEngine(await(rulesLoading)));
        ProgressLine progress = ProgressLine.onStderr(files.size());
        List<Attempt> attempts = Batch.map(reads, read -> read.facts() == null ? new Attempt(read.file(), null, read.failure())
                : new Attempt(read.file(), maker.decide(read.facts(), hostFacts, FactsFiles.display(read.file())), null),
                () -> progress.advance("decided"));
        progress.done();
        if (hostFacts == null || !oneBatch) {
            return attempts;
        }
        List<ServiceFacts> facts = reads.stream().map(Read::facts).toList();
        List<DecisionRecord> separated = DistinctAllocations.separate(facts, attempts.stream().map(Attempt::record).toList(),
                hostFacts, (index, host) -> maker.decide(facts.get(index), host, FactsFiles.display(reads.get(index).file())));
        List<Attempt> result = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            result.add(attempt.record() == null ? attempt : new Attempt(attempt.file(), separated.get(i), null));
        }
        return result;
    }

    private record Read(Path file, ServiceFacts facts, BadInputException failure) {}

    private FutureTask<CompiledPolicy> startLoading(Path rulesDir) {
        Path folder = rulesDir != null ? rulesDir : layout.rules();
        String displayName = rulesDir != null ? FactsFiles.display(rulesDir) : "rules";
        return RulesPreload.claim(folder, displayName).orElseGet(() -> {
            FutureTask<CompiledPolicy> task = new FutureTask<>(new RuleFolder(folder, displayName, notice)::load);
            Thread loader = new Thread(task, "nixpolicy-rules");
            loader.setDaemon(true);
            loader.start();
            return task;
        });
    }

    private static Map<String, ServiceFacts> readFacts(List<Path> arguments) throws BadInputException {
        List<Path> files = factsFilesOf(arguments);
        FactsLoader loader = new FactsLoader();
        List<ServiceFacts> loaded = Batch.map(files, loader::loadService, () -> {});
        Map<String, ServiceFacts> services = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            ServiceFacts facts = loaded.get(i);
            Path earlier = from.putIfAbsent(facts.service().value(), file);
            if (earlier != null) {
                throw new BadInputException(file, FactsLoader.locate(file, "service"), "service \"" + facts.service().value()
                        + "\" is already described by " + earlier);
            }
            services.put(FactsFiles.display(file), facts);
        }
        return services;
    }

    /** The facts files the arguments name (folders expanded); none is bad input. */
    private static List<Path> factsFilesOf(List<Path> arguments) throws BadInputException {
        List<Path> files;
        try {
            files = FactsFiles.expand(arguments);
        } catch (IOException e) {
            throw new BadInputException(arguments.get(0), 1, 1, "cannot list facts: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new BadInputException(arguments.get(0), 1, 1, "no facts files (*.yaml) found");
        }
        return files;
    }

    private static CompiledPolicy await(FutureTask<CompiledPolicy> loading) throws BadRulesException {
        try {
            return loading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRulesException("interrupted while loading the rules");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadRulesException bad) {
                throw bad;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The host file: the one given (with --host or in .nixpolicy.yaml), else the only one in a
     * {@code hosts/} folder beside the facts, else the shipped example host, which is said aloud
     * (its domain, UIDs and ports are not a user's own).
     */
    Path hostFile(List<Path> arguments) throws BadInputException, SourceNotFoundException {
        if (host != null) {
            return host;
        }
        java.util.Optional<Path> beside = TestFiles.hostBeside(arguments);
        if (beside.isPresent()) {
            return beside.get();
        }
        Path example = UserConfig.shippedHost(layout);
        notice.accept("no --host given, no host: in " + UserConfig.FILE_NAME + " and no hosts/<host>.yaml beside the facts:"
                + " assuming the example host " + example + " (its domain, UIDs and ports are not yours; pass --host)");
        return example;
    }
}
