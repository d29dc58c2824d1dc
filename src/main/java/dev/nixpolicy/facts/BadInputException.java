package dev.nixpolicy.facts;

import java.nio.file.Path;

/** Input that cannot be used, located to file, line and column (1-based). */
public final class BadInputException extends Exception {
    private final Path file;
    private final int line;
    private final int column;
    private final String problem;

    /** The longest problem a message states; longer text is cut (values are quoted short where they are quoted). */
    static final int LONGEST_PROBLEM = 4096;

    public BadInputException(Path file, int line, int column, String problem) {
        this(file, line, column, problem, shorten(problem));
    }

    private BadInputException(Path file, int line, int column, String problem, String shown) {
        super(file + ":" + line + ":" + column + ": " + shown);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = shown;
    }

    private static String shorten(String problem) {
        return problem == null || problem.length() <= LONGEST_PROBLEM ? problem
                : problem.substring(0, LONGEST_PROBLEM) + "... (" + problem.length() + " characters)";
    }

    public BadInputException(Path file, YamlLocations.Location at, String problem) {
        this(file, at.line(), at.column(), problem);
    }

    public Path file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    public String problem() { return problem; }
}
