package dev.nixpolicy.pipeline;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several new services in one batch get distinct UIDs and ports, the same ones on every run, as if decided one after another. */
class DistinctAllocationsTest {
    private static final List<String> SERVICES = List.of("alpha", "beta", "delta", "gamma"); // the batch order: files by name

    @Test
    void newServicesOfOneBatchGetDistinctUidsAndPorts(@TempDir Path dir) throws Exception {
        Path facts = sameShapedServices(dir);
        List<JsonNode> records = decide(facts);
        assertEquals(SERVICES.size(), records.size());
        assertEquals(SERVICES.size(), records.stream().map(r -> r.at("/decisions/uid/value").asInt()).distinct().count(),
                "UIDs: " + records.stream().map(r -> r.at("/decisions/uid/value").asText()).collect(Collectors.joining(", ")));
        assertEquals(SERVICES.size(), records.stream().map(r -> r.at("/decisions/port/value").asInt()).distinct().count(),
                "ports: " + records.stream().map(r -> r.at("/decisions/port/value").asText()).collect(Collectors.joining(", ")));
        assertTrue(records.get(1).at("/decisions/uid/because").toString().contains("held by alpha"),
                "the later service says which earlier one holds the UID it skipped: " + records.get(1).at("/decisions/uid"));
    }

    @Test
    void theAllocationIsTheSameOnEveryRunAndMatchesOneAfterAnother(@TempDir Path dir) throws Exception {
        Path facts = sameShapedServices(dir);
        List<String> first = allocations(decide(facts));
        for (int run = 0; run < 3; run++) {
            assertEquals(first, allocations(decide(facts)));
        }
        // One after another: each service decided alone against a host that holds what the earlier ones took.
        Path host = dir.resolve("host.yaml");
        String hostText = Files.readString(Project.defaultHostFile());
        List<String> oneByOne = new ArrayList<>();
        StringBuilder uids = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        for (String service : SERVICES) {
            Files.writeString(host, hostText.replaceFirst("(?m)^uids:\\s*\\{", "uids: {" + uids)
                    .replaceFirst("(?m)^ports:\\s*\\{", "ports: {" + ports));
            JsonNode record = decide(facts.resolve(service + ".yaml"), "--host", host.toString()).get(0);
            oneByOne.add(allocation(record));
            uids.append(' ').append(record.at("/decisions/uid/value").asInt()).append(": ").append(service).append(',');
            ports.append(' ').append(record.at("/decisions/port/value").asInt()).append(": ").append(service).append(',');
        }
        assertEquals(oneByOne, first);
    }

    private static Path sameShapedServices(Path dir) throws Exception {
        Path facts = Files.createDirectories(dir.resolve("facts"));
        String template = Files.readString(Project.dir().resolve("facts/sonarr.yaml"));
        for (String service : SERVICES) {
            Files.writeString(facts.resolve(service + ".yaml"), template.replaceFirst("(?m)^service: .*$", "service: " + service));
        }
        return facts;
    }

    private static List<JsonNode> decide(Path facts, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("decide", "--format=json", "--host", Project.defaultHostFile().toString()));
        args.addAll(List.of(more));
        if (more.length > 0) {
            args.subList(2, 4).clear();
        }
        args.add(facts.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err());
        List<JsonNode> records = new ArrayList<>();
        new ObjectMapper().readTree(run.out()).forEach(records::add);
        return records;
    }

    private static List<String> allocations(List<JsonNode> records) {
        return records.stream().map(DistinctAllocationsTest::allocation).toList();
    }

    private static String allocation(JsonNode record) {
        return record.at("/service").asText() + " uid " + record.at("/decisions/uid/value").asText() + " port "
                + record.at("/decisions/port/value").asText() + " metrics " + record.at("/decisions/metricsPort/value").asText();
    }
}
