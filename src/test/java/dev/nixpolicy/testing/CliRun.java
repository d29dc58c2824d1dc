package dev.nixpolicy.testing;

import dev.nixpolicy.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String previous = System.getProperty("nixpolicy.home");
        System.setProperty("nixpolicy.home", Project.dir().toString());
        try {
            int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            if (previous == null) {
                System.clearProperty("nixpolicy.home");
            } else {
                System.setProperty("nixpolicy.home", previous);
            }
        }
    }
}
