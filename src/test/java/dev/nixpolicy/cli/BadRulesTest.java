package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules that cannot be used stop the run with exit code 3, naming file, line and rule. */
class BadRulesTest {
    private static final String HEADER = """
            package nixpolicy.rules;

            import dev.nixpolicy.facts.Fact;
            import dev.nixpolicy.engine.Decision;

            """;

    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("DRL syntax error", HEADER + """
                        rule "broken"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fact(path == "service"
                        then
                            insert(new Decision("deployment", "container"));
                        end
                        """, "broken.drl:11: rule \"broken\": [ERR 102] Line 11:0 mismatched input 'then'"),
                Arguments.of("unknown fact type", HEADER + """
                        rule "typo in a type"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fcat(path == "service")
                        then
                            insert(new Decision("deployment", "container"));
                        end
                        """, "broken.drl:10: rule \"typo in a type\""),
                Arguments.of("rule without metadata", HEADER + """
                        rule "untraceable"
                            agenda-group "decide"
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("deployment", "container"));
                        end
                        """, "broken.drl:6: rule \"untraceable\" must carry @matrix, @row and @source"),
                Arguments.of("rule outside the stages", HEADER + """
                        rule "no stage"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("deployment", "container"));
                        end
                        """, "broken.drl:6: rule \"no stage\" is in agenda group \"MAIN\""),
                Arguments.of("two rules decide one key differently", HEADER + """
                        rule "first says container"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("deployment", "container"));
                        end

                        rule "second says native"
                            @matrix("m") @row("2") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("deployment", "native-module"));
                        end
                        """, "both decide deployment"),
                Arguments.of("a value the contract does not allow", HEADER + """
                        rule "misspelt value"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("deployment", "contianer"));
                        end
                        """, "rule \"misspelt value\" decides deployment must be one of"),
                Arguments.of("a key the contract does not have", HEADER + """
                        rule "invented key"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("colour", "blue"));
                        end
                        """, "rule \"invented key\" decides \"colour\", which is not a decision key"),
                Arguments.of("a key its @decides does not name", HEADER + """
                        rule "undeclared key"
                            @matrix("m") @row("1") @source("001 x") @decides("port")
                            agenda-group "decide"
                        when
                            Fact(path == "service")
                        then
                            insert(new Decision("deployment", "container"));
                        end
                        """, "rule \"undeclared key\" decides deployment, which its @decides(\"port\") does not name"),
                Arguments.of("a consequence that throws", HEADER + """
                        rule "throws"
                            @matrix("m") @row("1") @source("001 x") @decides("deployment")
                            agenda-group "decide"
                        when
                            Fact(path == "service", $s : text)
                        then
                            insert(new Decision("deployment", $s.substring(99)));
                        end
                        """, "rule \"throws\" failed while firing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void badRulesExitThree(String name, String drl, String expected, @TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), drl);
        CliRun run = CliRun.of("decide", Project.dir().resolve("facts/dispatcharr.yaml").toString(),
                "--rules", rules.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "expected «" + expected + "» in: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflictsName")
    void conflictNamesBothRules(String first, String second, @TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), (String) badRules()
                .filter(a -> a.get()[0].equals("two rules decide one key differently")).findFirst().orElseThrow().get()[1]);
        CliRun run = CliRun.of("decide", Project.dir().resolve("facts/dispatcharr.yaml").toString(), "--rules", rules.toString());
        assertTrue(run.err().contains("\"" + first + "\"") && run.err().contains("\"" + second + "\""), run.err());
    }

    static Stream<Arguments> conflictsName() {
        return Stream.of(Arguments.of("first says container", "second says native"));
    }

    @Test
    void aRulesFolderWithoutDrlFilesExitsThree(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("decide", Project.dir().resolve("facts/dispatcharr.yaml").toString(), "--rules", rules.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("", run.out());
    }

    /** A folder that is not there is a command line that cannot be used, not bad rules (see UserConfig). */
    @Test
    void aRulesFolderThatIsNotThereIsBadInput(@TempDir Path dir) {
        Path rules = dir.resolve("absent");
        CliRun run = CliRun.of("decide", Project.dir().resolve("facts/dispatcharr.yaml").toString(), "--rules", rules.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("nixpolicy: --rules " + rules + ": no such folder\n", run.err());
        assertEquals("", run.out());
    }
}
