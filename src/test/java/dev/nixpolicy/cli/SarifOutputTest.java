package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decide --format sarif: one SARIF 2.1.0 log for the batch, each result at the facts line that caused it. */
class SarifOutputTest {
    @Test
    void findingsQuestionsAndBadFilesPointAtTheirLines(@TempDir Path dir) throws Exception {
        Files.copy(Project.dir().resolve("facts/tubearchivist.yaml"), dir.resolve("tubearchivist.yaml"));
        List<String> sonarr = new ArrayList<>(Files.readAllLines(Project.dir().resolve("facts/sonarr.yaml")));
        sonarr.removeIf(line -> line.matches("\\s+gpu:.*"));
        Files.write(dir.resolve("sonarr.yaml"), sonarr);
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: nixpolicy/v1\nservice: Broken\n");

        CliRun run = CliRun.of("decide", "--format", "sarif", dir.toString());
        assertEquals(2, run.exitCode(), "a bad file in the batch is exit 2: " + run.err());
        JsonNode log = new ObjectMapper().readTree(run.out());
        assertEquals("2.1.0", log.get("version").asText());
        JsonNode results = log.at("/runs/0/results");

        JsonNode bad = only(results, "bad-input");
        assertEquals("error", bad.get("level").asText());
        assertLocation(bad, "broken.yaml", 2, 10);

        JsonNode image = only(results, "image-latest");
        assertEquals("error", image.get("level").asText());
        assertLocation(image, "tubearchivist.yaml", lineOf(dir.resolve("tubearchivist.yaml"), ":latest"), 7);

        JsonNode gpu = only(results, "open-question");
        assertTrue(gpu.at("/message/text").asText().contains("workload.gpu"), gpu.toString());
        assertEquals("warning", gpu.get("level").asText());
        assertEquals("sonarr.yaml", uri(gpu));
        assertEquals(lineOf(dir.resolve("sonarr.yaml"), "workload:"), gpu.at("/locations/0/physicalLocation/region/startLine").asInt(),
                "a question about a key left out points at the mapping it belongs in");

        List<String> ruleIds = new ArrayList<>();
        log.at("/runs/0/tool/driver/rules").forEach(r -> ruleIds.add(r.get("id").asText()));
        results.forEach(r -> assertTrue(ruleIds.contains(r.get("ruleId").asText()), "every result's rule is described: " + r.get("ruleId")));
    }

    private static JsonNode only(JsonNode results, String ruleId) {
        List<JsonNode> matching = new ArrayList<>();
        results.forEach(r -> { if (r.get("ruleId").asText().equals(ruleId)) { matching.add(r); } });
        assertEquals(1, matching.size(), ruleId + " in " + results);
        return matching.get(0);
    }

    private static String uri(JsonNode result) {
        return result.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
    }

    private static void assertLocation(JsonNode result, String file, int line, int column) {
        assertTrue(uri(result).endsWith(file), uri(result));
        assertEquals(line, result.at("/locations/0/physicalLocation/region/startLine").asInt(), result.toString());
        assertEquals(column, result.at("/locations/0/physicalLocation/region/startColumn").asInt(), result.toString());
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
