package dev.nixpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nixpolicy.facts.FactsSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of service facts (of host facts with --host), for editors that"
                + " complete and check YAML against a schema.")
final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", description = "The schema of a host facts file instead.")
    boolean host;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(json.writeValueAsString(host ? FactsSchema.host() : FactsSchema.service()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
