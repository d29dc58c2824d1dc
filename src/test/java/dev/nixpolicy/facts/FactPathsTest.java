package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpolicy.testing.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** FactPaths, which rules are checked against when they load, knows every path the engine is handed. */
class FactPathsTest {
    @Test
    void everyPathEngineFactsHandsTheEngineIsKnown() throws Exception {
        FactsLoader loader = new FactsLoader();
        HostFacts full = Project.defaultHost();
        HostFacts bare = loader.parseHost(Path.of("bare.yaml"), "apiVersion: nixpolicy/v1\nhost: bare\ndomain: example.org\n");
        Set<String> unknown = new TreeSet<>();
        for (Path example : Project.examples()) {
            ServiceFacts service = loader.loadService(example);
            for (HostFacts host : List.of(full, bare)) {
                for (Object fact : EngineFacts.of(service, host)) {
                    String path = fact instanceof Fact f ? f.getPath() : fact instanceof Unknown u ? u.getPath() : null;
                    if (path != null && !FactPaths.known().contains(path)) {
                        unknown.add(path);
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown);
    }
}
