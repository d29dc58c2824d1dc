package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What real configuration repositories write is accepted: endpoints with a query. */
class FactsLoaderTest {
    private static final String FACTS = """
            apiVersion: nixpolicy/v1
            service: demo
            description: A demo service
            upstream:
              port: 8300
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api?mode=version", "/health?x=1&y=2", "/ping", "/api/v1/status?full=true&fmt=json%2Cv2"})
    void endpointsMayCarryAQuery(String path) throws BadInputException {
        ServiceFacts facts = new FactsLoader().parseService(Path.of("demo.yaml"),
                FACTS + "  healthPath: \"" + path + "\"\n  metricsPath: \"" + path + "\"\n");
        assertEquals(path, facts.upstream().healthPath());
        assertEquals(path, facts.upstream().metricsPath());
    }
}
