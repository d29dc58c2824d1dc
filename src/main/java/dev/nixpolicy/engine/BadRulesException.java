package dev.nixpolicy.engine;

import java.util.List;

/**
 * The rules cannot be used: they do not compile, a rule lacks its traceability metadata, or
 * a run shows them contradicting themselves. Each problem is one line naming the DRL file,
 * line and rule where they are known.
 */
public final class BadRulesException extends Exception {
    private final List<String> problems;

    public BadRulesException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public BadRulesException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() { return problems; }
}
