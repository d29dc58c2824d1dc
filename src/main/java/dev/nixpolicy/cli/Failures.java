package dev.nixpolicy.cli;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import java.io.PrintWriter;

/**
 * The one exit-code mapping of every command: input and rules it cannot use are reported one
 * line each on stderr with their exit code; anything else is an internal error (70), with its
 * stack trace only when {@code NIXPOLICY_DEBUG} is set.
 */
final class Failures {
    static final int INTERNAL_ERROR = 70;

    private Failures() {}

    static int report(Exception failure, PrintWriter err) {
        if (failure instanceof BadInputException || failure instanceof SourceNotFoundException) {
            err.println("nixpolicy: " + failure.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (failure instanceof BadRulesException bad) {
            bad.problems().forEach(problem -> err.println("nixpolicy: " + problem));
            return ExitCode.BAD_RULES;
        }
        err.println("nixpolicy: internal error: " + failure);
        if (System.getenv("NIXPOLICY_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }

    static int badInput(PrintWriter err, BadInputException e) {
        return report(e, err);
    }
}
