package dev.nixpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nixpolicy.facts.FactsSchema;
import dev.nixpolicy.scan.HostFileText;
import dev.nixpolicy.scan.RepositoryScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Derive a host facts file from an existing configuration repository: the UIDs and GIDs in use"
                + " (on every host), the ports in use, the domain, NFS mounts, backup repository,"
                + " podman network and Cloudflare tunnel of one host, each with the file:line it came from.",
            "Reads the Nix syntax: a number in a comment or a string is not an assignment; ports also come from"
                + " addresses such as \"127.0.0.1:8080\" and container port mappings. Review the result, then pass it"
                + " with --host to decide and generate."})
final class ScanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REPO", arity = "0..1", defaultValue = ".",
            description = "The configuration repository (default: the current folder).")
    Path repository;

    @Option(names = "--host", paramLabel = "NAME",
            description = "The host to scan (a folder of hosts/); needed when the repository has several.")
    String host;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the host file here (and host.schema.json beside it) instead of printing it; never overwrites without --force.")
    Path output;

    @Option(names = "--force", description = "Replace an existing --output file.")
    boolean force;

    @Override
    public Integer call() {
        try {
            return scan();
        } catch (IOException e) {
            spec.commandLine().getErr().println("nixpolicy: cannot read " + repository + ": " + e.getClass().getSimpleName()
                    + " " + e.getMessage() + "; nothing written");
            return ExitCode.BAD_INPUT;
        }
    }

    private int scan() throws IOException {
        var err = spec.commandLine().getErr();
        if (!Files.isDirectory(repository)) {
            err.println("nixpolicy: " + repository + ": not a folder (scan takes a configuration repository)");
            return ExitCode.BAD_INPUT;
        }
        if (host != null && !host.matches("[a-z][a-z0-9-]{0,62}")) {
            err.println("nixpolicy: --host " + host + ": a host name is lower-case letters, digits and -, starting with a letter");
            return ExitCode.BAD_INPUT;
        }
        RepositoryScan.Result scan;
        try {
            scan = RepositoryScan.of(repository.toAbsolutePath().normalize(), host);
        } catch (IllegalArgumentException e) {
            err.println("nixpolicy: " + repository + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Path name = repository.toAbsolutePath().normalize().getFileName();
        String text = HostFileText.of(scan, name == null ? "/" : name.toString(), "host.schema.json");
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        if (Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !force) {
            err.println("nixpolicy: " + output + " already exists; pass --force to replace it");
            return ExitCode.BAD_INPUT;
        }
        Path folder = output.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path staged = Files.createTempFile(folder, ".nixpolicy-scan-", ".yaml");
            try {
                Files.writeString(staged, text, StandardCharsets.UTF_8);
                Files.move(staged, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            err.println("nixpolicy: cannot write " + output + ": " + e.getClass().getSimpleName() + " " + e.getMessage()
                    + "; nothing written");
            return ExitCode.BAD_INPUT;
        }
        spec.commandLine().getOut().println("wrote " + output);
        Path schema = folder.resolve("host.schema.json");
        try {
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(FactsSchema.host());
            Files.writeString(schema, json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            spec.commandLine().getOut().println("wrote " + schema);
        } catch (FileAlreadyExistsException e) {
            // An existing schema is the user's (or an earlier scan's); it is never replaced.
        }
        return ExitCode.OK;
    }
}
