package dev.nixpolicy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build step: writes the {@code share/} folder of the distribution, bash completion
 * ({@code bash-completion/completions/nixpolicy}, which zsh loads through bashcompinit) and the
 * man page ({@code man/man1/nixpolicy.1}), both from the picocli definitions of the commands.
 * Run by the exec plugin at prepare-package; the distribution zip packs the folder.
 */
public final class ShareFolder {
    static final Path COMPLETION = Path.of("bash-completion", "completions", "nixpolicy");
    static final Path MAN_PAGE = Path.of("man", "man1", "nixpolicy.1");

    private ShareFolder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ShareFolder OUTPUT_DIR VERSION");
        }
        writeInto(Path.of(args[0]), args[1]);
    }

    static void writeInto(Path share, String version) throws IOException {
        write(share.resolve(COMPLETION), completion());
        write(share.resolve(MAN_PAGE), ManPage.of(commandLine(), version));
    }

    static String completion() {
        return AutoComplete.bash("nixpolicy", commandLine());
    }

    static CommandLine commandLine() {
        return new CommandLine(new RootCommand());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
