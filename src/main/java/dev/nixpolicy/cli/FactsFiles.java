package dev.nixpolicy.cli;

import dev.nixpolicy.verify.ExpectedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The facts files a command was given: files as named, folders as their {@code *.yaml} files in
 * name order, leaving out the {@code *.expected.yaml} files {@code test} keeps beside facts.
 */
final class FactsFiles {
    private FactsFiles() {}

    static List<Path> expand(List<Path> arguments) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> listing = Files.list(argument)) {
                    listing.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".yaml")
                                    && !ExpectedFile.isExpectedFile(f))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(argument);
            }
        }
        return new ArrayList<>(files);
    }

    /** How a facts file is named in records and headers: relative to the working directory when under it. */
    static String display(Path file) {
        Path normalized = file.normalize();
        if (normalized.isAbsolute()) {
            Path cwd = Path.of("").toAbsolutePath();
            if (normalized.startsWith(cwd)) {
                return cwd.relativize(normalized).toString();
            }
        }
        return normalized.toString();
    }
}
