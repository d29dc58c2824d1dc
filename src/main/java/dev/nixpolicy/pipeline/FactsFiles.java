package dev.nixpolicy.pipeline;

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
public final class FactsFiles {
    /** How the expectations {@code test} keeps beside a facts file are named. */
    public static final String EXPECTED_SUFFIX = ".expected.yaml";

    private FactsFiles() {}

    public static List<Path> expand(List<Path> arguments) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> listing = Files.list(argument)) {
                    listing.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".yaml")
                                    && !f.getFileName().toString().endsWith(EXPECTED_SUFFIX))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(argument);
            }
        }
        return new ArrayList<>(files);
    }

    /**
     * How a facts file is named in records and headers, the same from any working directory:
     * relative to the root of the repository that holds it (the nearest folder with a
     * {@code .git} or a {@code flake.nix}), else by its file name alone, so that no local or
     * temporary path ends up in a committed file.
     */
    public static String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve(".git")) || Files.exists(folder.resolve("flake.nix"))) {
                return separatedBySlashes(folder.relativize(absolute));
            }
        }
        return absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
    }

    private static String separatedBySlashes(Path relative) {
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            out.append(out.length() == 0 ? "" : "/").append(part);
        }
        return out.toString();
    }
}
