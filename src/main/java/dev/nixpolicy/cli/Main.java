package dev.nixpolicy.cli;

import java.io.PrintWriter;

/**
 * The entry point. It mentions no picocli type, so the JVM can start it, and the rules can
 * start loading on the second core, before picocli's classes are even looked up (picocli
 * sits late on the class path and is not in the class-data-sharing archive).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        RulesPreload.start(args, err);
        System.exit(run(args, new PrintWriter(System.out, true), err));
    }

    /** Runs the CLI with the given streams and returns the exit code; tests call this directly. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return RootCommand.execute(args, out, err);
    }
}
