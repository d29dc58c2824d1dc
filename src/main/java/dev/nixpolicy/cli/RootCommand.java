package dev.nixpolicy.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The picocli command {@code nixpolicy}: its subcommands, help, version and exit codes. */
@Command(name = "nixpolicy",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.Version.class,
        description = "Turns what is known about a self-hosted service into the decisions of the homelab's "
                + "NixOS policy, with the rule, facts and policy source behind each.",
        subcommands = {DecideCommand.class, GenerateCommand.class, ImpactCommand.class, TestCommand.class, SchemaCommand.class, InitCommand.class, ScanCommand.class, ExplainCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:decided; no finding of severity error",
            "1:a finding of severity error (see the rationale's findings)",
            "2:bad input: a facts file, host file or command line that cannot be used",
            "3:bad rules: DRL that does not compile, lacks metadata, or contradicts itself"},
        footerHeading = "%nRules, templates and host file:%n",
        footer = {"An option (--rules, --templates, --host) wins over .nixpolicy.yaml in the working directory or the"
                + " nearest folder above it (keys rules, templates and host; paths relative to its folder), which wins"
                + " over the shipped ones in the installation folder (the system property nixpolicy.home)."})
public final class RootCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Parses and runs one command line with the given streams and returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("nixpolicy: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> Failures.report(e, err));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: decide, generate, impact or test");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RootCommand.class.getPackage().getImplementationVersion();
            return new String[] {"nixpolicy " + (version == null ? "development build" : version)};
        }
    }
}
