package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import java.io.PrintWriter;

/** How every command reports input and rules it cannot use: one line each on stderr, then its exit code. */
final class Failures {
    private Failures() {}

    static int badInput(PrintWriter err, BadInputException e) {
        err.println("nixpolicy: " + e.getMessage());
        return ExitCode.BAD_INPUT;
    }

    static int sourceNotFound(PrintWriter err, SourceNotFoundException e) {
        err.println("nixpolicy: " + e.getMessage());
        return ExitCode.BAD_INPUT;
    }

    static int badRules(PrintWriter err, BadRulesException e) {
        e.problems().forEach(problem -> err.println("nixpolicy: " + problem));
        return ExitCode.BAD_RULES;
    }
}
