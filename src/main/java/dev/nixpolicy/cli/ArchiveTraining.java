package dev.nixpolicy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A build step, not a command: runs several command lines in one JVM, each as {@link Main}
 * runs one, with their output discarded, so that a class-data-sharing archive recorded at its
 * exit holds the classes of all of them. The archive for edited rules needs the first run
 * after an edit (the classic build) and a later run from the cache in one process; see
 * {@code src/main/sh/make-cds-archive.sh}.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {}

    /** Command lines separated by {@code --}; exits with the highest exit code any of them gave. */
    public static void main(String[] args) {
        int worst = 0;
        for (String[] commandLine : split(args)) {
            PrintWriter discarded = new PrintWriter(new StringWriter());
            RulesPreload.start(commandLine, discarded);
            worst = Math.max(worst, Main.run(commandLine, discarded, discarded));
        }
        System.exit(worst);
    }

    static List<String[]> split(String[] args) {
        List<String[]> commandLines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals("--")) {
                if (i > start) {
                    commandLines.add(Arrays.copyOfRange(args, start, i));
                }
                start = i + 1;
            }
        }
        return commandLines;
    }
}
