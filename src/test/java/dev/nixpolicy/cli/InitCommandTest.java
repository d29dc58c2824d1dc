package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.nixpolicy.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init writes a skeleton the loader and the schema accept, with its schema beside it, and never overwrites. */
class InitCommandTest {
    @Test
    void theSkeletonDecidesAndValidatesAndIsNeverOverwritten(@TempDir Path dir) throws Exception {
        CliRun init = CliRun.of("init", "jellyfin", "--dir", dir.toString());
        assertEquals(0, init.exitCode(), init.err());
        Path facts = dir.resolve("jellyfin.yaml");
        String text = Files.readString(facts);
        assertTrue(text.startsWith("# yaml-language-server: $schema=facts.schema.json\n"), text);
        assertTrue(Files.exists(dir.resolve("facts.schema.json")));

        CliRun decide = CliRun.of("decide", "--format", "json", facts.toString());
        assertTrue(decide.exitCode() == 0 || decide.exitCode() == 1, decide.err());
        assertTrue(decide.out().contains("\"questions\""), decide.out());

        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(dir.resolve("facts.schema.json")));
        var errors = schema.validate(new ObjectMapper(new YAMLFactory()).readTree(facts.toFile()));
        assertTrue(errors.isEmpty(), errors.toString());

        Files.writeString(facts, "mine\n");
        CliRun again = CliRun.of("init", "jellyfin", "--dir", dir.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("never overwrites"), again.err());
        assertEquals("mine\n", Files.readString(facts));
        assertEquals(2, CliRun.of("init", "Not A Name", "--dir", dir.toString()).exitCode());
    }
}
