package dev.nixpolicy.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man page nixpolicy(1) in roff, written from the picocli definitions of the commands, so
 * that it lists exactly the commands and options the jar has. Written directly rather than
 * through picocli-codegen's AsciiDoc, which needs Asciidoctor (a Ruby runtime) to become a page
 * {@code man} can show.
 */
final class ManPage {
    private final CommandLine root;
    private final String version;
    private final StringBuilder out = new StringBuilder();

    private ManPage(CommandLine root, String version) {
        this.root = root;
        this.version = version;
    }

    static String of(CommandLine root, String version) {
        return new ManPage(root, version).write();
    }

    private String write() {
        CommandSpec spec = root.getCommandSpec();
        String name = spec.name();
        // No date: the page is built into a reproducible zip, and the version dates it.
        line(".TH " + name.toUpperCase(java.util.Locale.ROOT) + " 1 \"\" \"" + name + " " + version + "\" \"User Commands\"");
        line(".SH NAME");
        line(escape(name) + " \\- " + escape(firstSentence(String.join(" ", spec.usageMessage().description()))));
        line(".SH SYNOPSIS");
        line(".B " + escape(name));
        line(".I command");
        line("[\\fIoptions\\fR] [\\fIarguments\\fR]");
        line(".SH DESCRIPTION");
        paragraphs(spec.usageMessage().description());
        line(".SH OPTIONS");
        options(spec);
        line(".SH COMMANDS");
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            command(sub.getValue());
        }
        line(".SH FILES");
        line(".TP");
        line(".I .nixpolicy.yaml");
        text("Where the rules, templates and host file of a configuration repository are, found in the working "
                + "directory or the nearest folder above it. Keys: rules, templates, host; paths relative to the "
                + "folder of the file. An option (--rules, --templates, --host) wins over the file, the file over "
                + "the shipped defaults.");
        line(".TP");
        line(".I rules/, templates/, facts/hosts/forge.yaml");
        text("The shipped rules, templates and example host, in the installation folder, which the launcher "
                + "passes to java as the system property nixpolicy.home.");
        line(".SH ENVIRONMENT");
        line(".TP");
        line(".B JAVA");
        text("The java command the launcher runs; else JAVA_HOME/bin/java, else java on the PATH.");
        line(".TP");
        line(".B NIXPOLICY_DEBUG");
        text("When set, an internal error prints its stack trace.");
        exitCodes(spec.usageMessage().exitCodeList(), ".SH \"EXIT STATUS\"");
        return out.toString();
    }

    private void command(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        line(".SS " + escape(spec.qualifiedName()));
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line(".nf");
        help.synopsis(0).strip().lines().forEach(l -> line(escape(l)));
        line(".fi");
        line(".PP");
        paragraphs(spec.usageMessage().description());
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (!parameter.hidden()) {
                line(".TP");
                line("\\fI" + escape(parameter.paramLabel()) + "\\fR" + (parameter.arity().max() > 1 ? "..." : ""));
                paragraphs(parameter.description());
            }
        }
        options(spec);
        Map<String, String> exitCodes = spec.usageMessage().exitCodeList();
        if (!exitCodes.isEmpty() && !exitCodes.equals(root.getCommandSpec().usageMessage().exitCodeList())) {
            exitCodes(exitCodes, ".PP\nExit codes of " + escape(spec.qualifiedName()) + ":");
        }
    }

    private void options(CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            line(".TP");
            String names = String.join(", ", java.util.Arrays.stream(option.names()).map(n -> "\\fB" + escape(n) + "\\fR").toList());
            line(names + (option.typeInfo().isBoolean() ? "" : " \\fI" + escape(option.paramLabel()) + "\\fR"));
            paragraphs(option.description());
        }
    }

    private void exitCodes(Map<String, String> codes, String heading) {
        line(heading);
        for (Map.Entry<String, String> code : codes.entrySet()) {
            line(".TP");
            line(".B " + escape(code.getKey().strip()));
            text(code.getValue());
        }
    }

    /** Description lines: an empty one separates paragraphs, indented ones are kept as laid out (file lists). */
    private void paragraphs(String[] lines) {
        boolean laidOut = false;
        for (String l : List.of(lines)) {
            boolean indented = l.startsWith("  ");
            if (indented != laidOut) {
                line(indented ? ".nf" : ".fi");
                laidOut = indented;
            }
            if (l.isBlank()) {
                line(".PP");
            } else {
                text(l);
            }
        }
        if (laidOut) {
            line(".fi");
        }
    }

    private void text(String text) {
        line(escape(text));
    }

    private void line(String line) {
        out.append(line).append('\n');
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        String sentence = end < 0 ? text : text.substring(0, end);
        sentence = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /**
     * Text as roff reads it literally: a backslash is roff's escape, a line starting with a dot
     * or an apostrophe would be a request, and a plain {@code -} may be printed as a typographic
     * hyphen, which breaks an option name or a path copied from the page; so every one is {@code \-}.
     */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
