package dev.nixpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nixpolicy.facts.FactsSchema;
import dev.nixpolicy.pipeline.SourceNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a facts skeleton for a new service: every key, the unknown ones commented out with what"
                + " each settles, and the JSON Schema beside it for editor completion. Never overwrites a file.")
final class InitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", description = "The service's name (lower case, digits, -).")
    String service;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "facts",
            description = "The folder to write <SERVICE>.yaml into (default: facts).")
    Path dir;

    @Override
    public Integer call() throws dev.nixpolicy.facts.BadInputException, SourceNotFoundException {
        if (!service.matches("[a-z][a-z0-9-]{0,62}")) {
            spec.commandLine().getErr().println("nixpolicy: " + service + ": a service name is lower-case letters, digits and -,"
                    + " starting with a letter, at most 63 characters");
            return ExitCode.BAD_INPUT;
        }
        ProjectLayout layout = ProjectLayout.locate();
        Path facts = dir.resolve(service + ".yaml");
        Path schema = dir.resolve("facts.schema.json");
        try {
            // The skeleton is a template like the others: a repository's own templates folder has its own.
            Path templates = UserConfig.ofWorkingDirectory().templates(null, layout);
            String skeleton = Files.readString(templates.resolve("facts-skeleton.yaml"), StandardCharsets.UTF_8)
                    .replace("{{service}}", service);
            Files.createDirectories(dir);
            Files.writeString(facts, skeleton, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            spec.commandLine().getOut().println("wrote " + facts);
            if (!Files.exists(schema)) {
                String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(FactsSchema.service());
                Files.writeString(schema, json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                spec.commandLine().getOut().println("wrote " + schema);
            }
            return ExitCode.OK;
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("nixpolicy: " + e.getFile() + " already exists; init never overwrites a file");
            return ExitCode.BAD_INPUT;
        } catch (IOException e) {
            spec.commandLine().getErr().println("nixpolicy: cannot write " + facts + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }
}
