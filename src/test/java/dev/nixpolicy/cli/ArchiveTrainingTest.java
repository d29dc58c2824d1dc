package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchiveTrainingTest {
    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("decide a.yaml", List.of("decide a.yaml")),
                Arguments.of("decide --rules x a.yaml -- generate a.yaml --check", List.of("decide --rules x a.yaml", "generate a.yaml --check")),
                Arguments.of("-- decide a.yaml -- -- test b --", List.of("decide a.yaml", "test b")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void commandLinesAreSeparatedByTwoDashesAndEmptyOnesDropped(String args, List<String> expected) {
        String[] split = args.isEmpty() ? new String[0] : args.split(" ");
        assertEquals(expected, ArchiveTraining.split(split).stream().map(line -> String.join(" ", Arrays.asList(line))).toList());
    }
}
