package dev.nixpolicy.cli;

import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.FactsFiles;
import dev.nixpolicy.verify.ExpectedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** What the arguments of {@code test} name: facts files, each with its expected file, and the host file beside them. */
final class TestFiles {
    /** A facts file and the expected decisions it is tested against. */
    record Case(Path facts, Path expected) {
        /** The name a service goes by before its facts are read: its expected file's name without the suffix. */
        String name() {
            String file = expected.getFileName().toString();
            return file.substring(0, file.length() - ".expected.yaml".length());
        }
    }

    private TestFiles() {}

    /**
     * A folder gives every facts file in it that has an expected file beside it (others are
     * not tests). A file named explicitly must have one. An expected file named explicitly
     * stands for its facts file, so that a shell glob such as {@code dir/*.yaml} works.
     */
    static List<Case> cases(List<Path> arguments) throws BadInputException {
        Map<Path, Case> cases = new LinkedHashMap<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                for (Path facts : factsIn(argument)) {
                    Path expected = ExpectedFile.besideFacts(facts);
                    if (Files.isRegularFile(expected)) {
                        cases.putIfAbsent(facts.normalize(), new Case(facts, expected));
                    }
                }
            } else if (!Files.exists(argument)) {
                throw new BadInputException(argument, 1, 1, "no such file or folder");
            } else if (ExpectedFile.isExpectedFile(argument)) {
                Path facts = ExpectedFile.factsCandidates(argument).stream().filter(Files::isRegularFile).findFirst()
                        .orElseThrow(() -> new BadInputException(argument, 1, 1, "no facts file beside this expected file (looked for "
                                + String.join(" and ", ExpectedFile.factsCandidates(argument).stream()
                                        .map(p -> p.getFileName().toString()).toList()) + ")"));
                cases.putIfAbsent(facts.normalize(), new Case(facts, argument));
            } else {
                Path expected = ExpectedFile.besideFacts(argument);
                if (!Files.isRegularFile(expected)) {
                    throw new BadInputException(argument, 1, 1, "no expected file " + expected.getFileName()
                            + " beside this facts file (the decisions it is tested against)");
                }
                cases.putIfAbsent(argument.normalize(), new Case(argument, expected));
            }
        }
        if (cases.isEmpty()) {
            throw new BadInputException(arguments.get(0), 1, 1,
                    "nothing to test: no facts file here has an expected file (<name>.expected.yaml) beside it");
        }
        return new ArrayList<>(cases.values());
    }

    private static List<Path> factsIn(Path folder) throws BadInputException {
        try {
            return FactsFiles.expand(List.of(folder));
        } catch (IOException e) {
            throw new BadInputException(folder, 1, 1, "cannot list facts: " + e.getMessage());
        }
    }

    /**
     * The host file kept with the facts: the only {@code *.yaml} in a {@code hosts/} folder
     * beside them (in the folder given, or the folder of the file given). Empty when there is
     * none or more than one; facts whose folders name different hosts cannot share a run.
     */
    static Optional<Path> hostBeside(List<Path> arguments) throws BadInputException {
        Set<Path> found = new LinkedHashSet<>();
        for (Path argument : arguments) {
            Path folder = Files.isDirectory(argument) ? argument : argument.toAbsolutePath().getParent();
            Path hosts = folder.resolve("hosts");
            if (!Files.isDirectory(hosts)) {
                continue;
            }
            List<Path> yaml;
            try (Stream<Path> listing = Files.list(hosts)) {
                yaml = listing.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".yaml")).toList();
            } catch (IOException e) {
                throw new BadInputException(hosts, 1, 1, "cannot list host files: " + e.getMessage());
            }
            if (yaml.size() == 1) {
                found.add(yaml.get(0).toAbsolutePath().normalize());
            }
        }
        if (found.size() > 1) {
            throw new BadInputException(arguments.get(0), 1, 1, "the facts given come with different host files ("
                    + String.join(", ", found.stream().map(FactsFiles::display).toList())
                    + "); test them in separate runs or name one with --host");
        }
        return found.stream().findFirst();
    }
}
