package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.FactsGenerator;
import dev.nixpolicy.testing.Generated;
import dev.nixpolicy.testing.NixEvaluation;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * decide and generate on facts files generated from the contract (valid, near-valid and
 * hostile): the exit code is 0, 1 or 2 and never a stack trace; exit 2 names file:line:column;
 * every file generate writes parses, and a sample of them evaluates with the module system.
 * CI runs the sample junit-platform.properties sets; {@code -Djqwik.tries.default=100000
 * -Dnixpolicy.properties.keepGoing=true} runs a large one that reports every failing case.
 */
class FactsProperties {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern STACK_TRACE = Pattern.compile("\\n\\s+at [a-z]|Exception in thread|StackOverflowError|OutOfMemoryError");
    /** One in this many generated services is also evaluated (an evaluation costs ~0.2 s). */
    private static final int EVALUATE_EVERY = 10;
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger[] EXITS = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private static final AtomicInteger GENERATED = new AtomicInteger();
    private static final AtomicInteger PARSED = new AtomicInteger();
    private static final AtomicInteger EVALUATED = new AtomicInteger();
    private static final String NIX = onPath("nix-instantiate");

    /**
     * With {@code -Dnixpolicy.properties.keepGoing=true} (for long runs) a failing case is
     * recorded and the run goes on, so one run finds every defect; the container fails at the
     * end listing them. Without it, the first failure stops the run and jqwik shrinks it.
     */
    private static final boolean KEEP_GOING = Boolean.getBoolean("nixpolicy.properties.keepGoing");
    private static final List<String> FAILURES = java.util.Collections.synchronizedList(new ArrayList<>());

    @Property
    void decideAndGenerateStayWithinTheirContract(@ForAll long seed, @ForAll FactsGenerator.Kind kind) throws Exception {
        try {
            check(seed, kind);
        } catch (AssertionError failure) {
            if (!KEEP_GOING) {
                throw failure;
            }
            FAILURES.add(failure.getMessage());
        }
    }

    private void check(long seed, FactsGenerator.Kind kind) throws Exception {
        Path dir = Files.createTempDirectory("nixpolicy-property");
        try {
            Map<String, Object> facts = new FactsGenerator(seed, kind).facts();
            Path file = dir.resolve("service.yaml");
            YAML.writeValue(file.toFile(), facts);
            String context = "seed " + seed + " " + kind + ":\n" + Files.readString(file, StandardCharsets.UTF_8);
            CASES.incrementAndGet();

            CliRun decide = CliRun.of("decide", "--format=json", file.toString());
            withinContract(decide, file, "decide", context);

            Path out = dir.resolve("out");
            CliRun generate = CliRun.of("generate", "--out", out.toString(), file.toString());
            withinContract(generate, file, "generate", context);
            EXITS[generate.exitCode()].incrementAndGet();
            if (generate.exitCode() == 0) {
                GENERATED.incrementAndGet();
                parses(out, context);
                if (GENERATED.get() % EVALUATE_EVERY == 0) {
                    evaluates(file, out, context);
                }
            } else {
                assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(),
                        "generate exited " + generate.exitCode() + " but wrote files\n" + context);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void withinContract(CliRun run, Path file, String command, String context) {
        assertTrue(Set.of(0, 1, 2).contains(run.exitCode()),
                command + " exited " + run.exitCode() + "\n" + run.err() + "\n" + context);
        assertFalse(STACK_TRACE.matcher(run.err()).find(), command + " printed a stack trace\n" + run.err() + "\n" + context);
        if (run.exitCode() == 2) {
            assertTrue(Pattern.compile(Pattern.quote(file.getFileName().toString()) + ":\\d+:\\d+").matcher(run.err()).find(),
                    command + " exit 2 without file:line:column\n" + run.err() + "\n" + context);
        }
    }

    private static void parses(Path out, String context) throws IOException, InterruptedException {
        if (NIX == null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(NIX, "--parse"));
        try (Stream<Path> files = Files.walk(out)) {
            files.filter(f -> f.toString().endsWith(".nix")).forEach(f -> command.add(f.toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "a generated file does not parse:\n" + output + "\n" + context);
        PARSED.addAndGet(command.size() - 2);
    }

    private static void evaluates(Path file, Path out, String context) throws IOException {
        if (NIX == null || !NixEvaluation.isAvailable()) {
            return;
        }
        DecisionRecord record = Generated.record(file, Project.defaultHostFile());
        Map<String, String> files = Generated.files(record);
        NixEvaluation.Outcome outcome = NixEvaluation.onThisMachine().evaluate(record, files, Files.createTempDirectory(out, "eval"));
        assertTrue(outcome.evaluated(), "generated files do not evaluate:\n" + outcome.output() + "\n" + context);
        EVALUATED.incrementAndGet();
    }

    @AfterContainer
    static void figures() {
        System.out.println("nixpolicy properties: " + CASES.get() + " cases; generate exit 0/1/2: " + EXITS[0].get() + "/"
                + EXITS[1].get() + "/" + EXITS[2].get() + "; " + PARSED.get() + " generated files parsed, "
                + EVALUATED.get() + " services evaluated; failures: " + FAILURES.size());
        if (!FAILURES.isEmpty()) {
            throw new AssertionError(FAILURES.size() + " failing cases; the first ones:\n\n"
                    + String.join("\n\n----\n\n", FAILURES.subList(0, Math.min(10, FAILURES.size()))));
        }
    }

    private static String onPath(String program) {
        return NixEvaluation.nixInstantiateOrNull();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
