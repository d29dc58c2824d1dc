package dev.nixpolicy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTest {
    @ParameterizedTest(name = "{0} >= {1} is {2}")
    @CsvSource({
        "4.0.16.2943, 4.0.16, true",
        "4.0.10.2544, 4.0.16, false",
        "1.10, 1.9, true",
        "1.9, 1.10, false",
        "v2.14.0, 2.0.0, true",
        "2.0, 2.0.0, true",
        "1.42.1.10060-4e8b05daf, 1.42, true",
        "1.0.0-rc1, 1.0.0, false",
        "1.0.0, 1.0.0-rc1, true"})
    void comparesPartByPart(String version, String minimum, boolean atLeast) {
        assertEquals(atLeast, Versions.atLeast(version, minimum));
    }
}
