package dev.nixpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reading a hostile facts file costs: each shape (one long line, a long string over many
 * lines, a long list, a mass of comments) at 256 KiB, 512 KiB and just under the 1 MiB limit,
 * and at 10 MiB, which the size limit refuses before reading. Prints the figures (time of the
 * first, cold load and the best of five; bytes allocated) and checks that every load ends
 * quickly, allocates a small multiple of the file, and grows no faster than the file.
 */
class InputCostTest {
    private static final String VALID = """
            apiVersion: nixpolicy/v1
            service: demo
            description: A demo service
            upstream:
              port: 8300
            """;
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /** A shape of hostile input, as the text of a facts file of about {@code size} bytes (never more). */
    private record Shape(String name, IntFunction<String> text) {}

    private record Figure(String shape, int bytes, String outcome, double coldMs, double bestMs, long allocated) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("one long line", size -> VALID.replace("A demo service", "x".repeat(size - VALID.length()))),
            new Shape("long string, many lines", size -> VALID + "  healthPath: >\n"
                    + fill(size - VALID.length() - 16, "    " + "y".repeat(1000) + "\n")),
            new Shape("long list", size -> VALID + "integrations:\n  secrets:\n" + fill(size - VALID.length() - 26, "    - s\n")),
            new Shape("comments", size -> VALID + fill(size - VALID.length(), "# " + "c".repeat(1000) + "\n")));

    private static String fill(int size, String unit) {
        return unit.repeat(Math.max(0, size / unit.length()));
    }

    @Test
    void hostileInputCostsLittleAndGrowsLinearly(@TempDir Path dir) throws IOException {
        List<Figure> figures = new ArrayList<>();
        for (Shape shape : SHAPES) {
            for (int size : new int[] {256 * KIB, 512 * KIB, MIB - KIB, 10 * MIB}) {
                Path file = dir.resolve("demo.yaml");
                Files.writeString(file, shape.text().apply(size));
                figures.add(measure(shape.name(), file));
            }
        }
        System.out.println("InputCostTest: FactsLoader.loadService on hostile files (cold = first load; best of 5 after)");
        System.out.printf("  %-24s %10s  %8s %8s %12s  %s%n", "shape", "bytes", "cold ms", "best ms", "allocated", "outcome");
        for (Figure f : figures) {
            System.out.printf("  %-24s %10d  %8.1f %8.1f %10.1f MB  %s%n", f.shape(), f.bytes(), f.coldMs(), f.bestMs(),
                    f.allocated() / 1e6, f.outcome());
        }
        for (Figure f : figures) {
            assertTrue(f.coldMs() < 3000, "quick: " + f);
            assertTrue(f.allocated() < 40L * Math.min(f.bytes(), MIB) + 20 * MIB, "little memory: " + f);
            if (f.bytes() > MIB) {
                assertTrue(f.outcome().contains("bytes, limit 1048576"), "refused by its size: " + f);
                assertTrue(f.bestMs() < 50, "refused before reading: " + f);
            }
        }
        for (Shape shape : SHAPES) {
            List<Figure> of = figures.stream().filter(f -> f.shape().equals(shape.name())).toList();
            double quarter = of.get(0).bestMs();
            double whole = of.get(2).bestMs();
            // Linear: four times the input costs about four times as much; a square would be sixteen.
            assertTrue(whole < 10 * quarter + 100, shape.name() + " grows faster than its input: " + quarter + " ms, then " + whole + " ms");
        }
    }

    private static Figure measure(String shape, Path file) throws IOException {
        int bytes = (int) Files.size(file);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        String outcome = null;
        double cold = 0;
        double best = Double.MAX_VALUE;
        long allocated = 0;
        for (int run = 0; run < 6; run++) {
            long before = threads.getThreadAllocatedBytes(id);
            long start = System.nanoTime();
            String result;
            try {
                result = "accepted: " + new FactsLoader().loadService(file).service().value();
            } catch (BadInputException e) {
                result = "refused: " + e.problem();
            }
            double ms = (System.nanoTime() - start) / 1e6;
            allocated = threads.getThreadAllocatedBytes(id) - before;
            if (run == 0) {
                cold = ms;
                outcome = result.length() > 110 ? result.substring(0, 110) + "..." : result;
            } else {
                best = Math.min(best, ms);
                assertEquals(outcome, result.length() > 110 ? result.substring(0, 110) + "..." : result);
            }
        }
        return new Figure(shape, bytes, outcome, cold, best, allocated);
    }
}
