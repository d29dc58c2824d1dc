package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The facts JSON Schema accepts every shipped example, refuses what the loader refuses in shape, and is shipped current. */
class FactsSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static Schema schema(ObjectNode document) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.writeValueAsString(document));
    }

    @Test
    void everyShippedExampleAndHostValidates() throws IOException {
        Schema service = schema(FactsSchema.service());
        for (Path example : Project.examples()) {
            List<Error> errors = service.validate(YAML.readTree(example.toFile()));
            assertTrue(errors.isEmpty(), example + ": " + errors);
        }
        Schema host = schema(FactsSchema.host());
        try (Stream<Path> hosts = Files.list(Project.dir().resolve("facts/hosts"))) {
            for (Path file : hosts.toList()) {
                List<Error> errors = host.validate(YAML.readTree(file.toFile()));
                assertTrue(errors.isEmpty(), file + ": " + errors);
            }
        }
    }

    @Test
    void aMisspeltKeyOrAWrongTypeIsRefused() throws IOException {
        Schema service = schema(FactsSchema.service());
        JsonNode sonarr = YAML.readTree(Project.dir().resolve("facts/sonarr.yaml").toFile());
        ObjectNode misspelt = sonarr.deepCopy();
        misspelt.put("servce", "x");
        assertFalse(service.validate(misspelt).isEmpty(), "an unknown key");
        ObjectNode wrongType = sonarr.deepCopy();
        ((ObjectNode) wrongType.get("workload")).put("type", "web");
        assertFalse(service.validate(wrongType).isEmpty(), "a value outside the enum");
        ObjectNode portAsText = sonarr.deepCopy();
        ((ObjectNode) portAsText.get("upstream")).put("port", "8989");
        assertFalse(service.validate(portAsText).isEmpty(), "a port as text");
    }

    @Test
    void theShippedSchemaFilesAreCurrent() throws IOException {
        assertEquals(JSON.writeValueAsString(FactsSchema.service()) + "\n",
                Files.readString(Project.dir().resolve("docs/facts.schema.json")), "regenerate with: nixpolicy schema > docs/facts.schema.json");
        assertEquals(JSON.writeValueAsString(FactsSchema.host()) + "\n",
                Files.readString(Project.dir().resolve("docs/host.schema.json")), "regenerate with: nixpolicy schema --host > docs/host.schema.json");
    }
}
