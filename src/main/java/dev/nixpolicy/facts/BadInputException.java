package dev.nixpolicy.facts;

import java.nio.file.Path;

/** Input that cannot be used, located to file, line and column (1-based). */
public final class BadInputException extends Exception {
    private final Path file;
    private final int line;
    private final int column;
    private final String problem;

    public BadInputException(Path file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public BadInputException(Path file, YamlLocations.Location at, String problem) {
        this(file, at.line(), at.column(), problem);
    }

    public Path file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    public String problem() { return problem; }
}
