package dev.nixpolicy.pipeline;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.FactsLoader;
import dev.nixpolicy.facts.HostFacts;
import dev.nixpolicy.facts.ServiceFacts;
import dev.nixpolicy.record.DecisionRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link Pipeline} over the facts files of one command: the rules load on a second core
 * while the files are read on both, every service is decided in parallel with a progress line,
 * and files that cannot be used are reported together rather than one at a time.
 */
public final class BatchDecision {
    /** Chooses the host file for the facts files of a run. */
    @FunctionalInterface
    public interface HostChoice {
        Path hostFor(List<Path> factsFiles) throws BadInputException, SourceNotFoundException;
    }

    /** One facts file of a run that goes on past unusable files: its record, or why it has none. */
    public record Attempt(Path file, DecisionRecord record, BadInputException failure) {}

    private record Read(Path file, ServiceFacts facts, BadInputException failure) {}

    private final RulesSource rules;
    private final HostChoice hosts;
    private final Consumer<String> notice;

    public BatchDecision(RulesSource rules, HostChoice hosts, Consumer<String> notice) {
        this.rules = rules;
        this.hosts = hosts;
        this.notice = notice;
    }

    /**
     * Decides the services of files and folders of them as given on the command line, as one
     * batch to be placed on the host together: no two services share a UID or a port.
     */
    public List<Attempt> decideAll(List<Path> arguments) throws BadInputException, BadRulesException, SourceNotFoundException {
        return decide(factsFilesOf(arguments), true);
    }

    /**
     * Decides each of {@code files} (no folders) against the host alone, as {@code test} compares
     * each with its own expectations. A host file or rules that cannot be used fail the whole run.
     */
    public List<Attempt> decideEach(List<Path> files) throws BadInputException, BadRulesException, SourceNotFoundException {
        return decide(files, false);
    }

    private List<Attempt> decide(List<Path> files, boolean oneBatch) throws BadInputException, BadRulesException, SourceNotFoundException {
        RulesLoading loading = RulesLoading.start(rules, notice);
        FactsLoader reader = new FactsLoader();
        List<Read> reads = refuseRepeatedServices(Batch.map(files, file -> {
            try {
                return new Read(file, reader.loadService(file), null);
            } catch (BadInputException e) {
                return new Read(file, null, e);
            }
        }, () -> {}));
        // A batch of only bad files decides nothing: no host needed, none assumed aloud.
        if (reads.stream().allMatch(r -> r.facts() == null)) {
            return reads.stream().map(r -> new Attempt(r.file(), null, r.failure())).toList();
        }
        HostFacts host = reader.loadHost(hosts.hostFor(files));
        Pipeline pipeline = new Pipeline(loading.await());
        ProgressLine progress = ProgressLine.onStderr(files.size());
        List<DecisionRecord> records = Batch.map(reads, read -> read.facts() == null ? null
                : pipeline.decide(read.facts(), host, FactsFiles.display(read.file())), () -> progress.advance("decided"));
        progress.done();
        if (oneBatch) {
            List<ServiceFacts> facts = reads.stream().map(Read::facts).toList();
            records = DistinctAllocations.separate(facts, records, host,
                    (index, taken) -> pipeline.decide(facts.get(index), taken, FactsFiles.display(reads.get(index).file())));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            attempts.add(new Attempt(reads.get(i).file(), records.get(i), reads.get(i).failure()));
        }
        return attempts;
    }

    /** A second file describing a service already described is bad input, named with the first. */
    private static List<Read> refuseRepeatedServices(List<Read> reads) {
        List<Read> checked = new ArrayList<>(reads);
        Map<String, Path> from = new LinkedHashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            Read read = checked.get(i);
            if (read.facts() != null) {
                String service = read.facts().service().value();
                Path earlier = from.putIfAbsent(service, read.file());
                if (earlier != null) {
                    checked.set(i, new Read(read.file(), null, new BadInputException(read.file(),
                            FactsLoader.locate(read.file(), "service"), "service \"" + service + "\" is already described by " + earlier)));
                }
            }
        }
        return checked;
    }

    /** The facts files the arguments name (folders expanded); none is bad input. */
    public static List<Path> factsFilesOf(List<Path> arguments) throws BadInputException {
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
}
