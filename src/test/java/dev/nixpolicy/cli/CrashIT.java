package dev.nixpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.render.OutputFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real {@code target/nixpolicy generate} processes (SIGKILL) at random moments and checks
 * that the output folder holds exactly the old or exactly the new files once the next run has
 * recovered, with no staging folder and no empty folder left.
 *
 * <p>Half the trials write into an empty folder, half replace an older generation with
 * {@code --force} (some of its files and folders missing, so the batch mixes new files, new
 * folders and replaced files). Half the kills come at a random moment of the whole run (0 to
 * 1.15 times a calibrated run: JVM start, deciding, rendering, staging, renaming, cleaning up,
 * or after the process ended), half at a random moment of the rename phase (0 to 1.15 times its
 * calibrated length after the journal appeared), one random moment per stratum so that they
 * spread evenly. The test-only property {@code nixpolicy.test.moveDelayMillis} slows every
 * rename down so that the rename phase lasts long enough to be hit. Sizes:
 * {@code -Dnixpolicy.crash.kills=N -Dnixpolicy.crash.services=N -Dnixpolicy.crash.moveDelayMillis=N}.
 */
class CrashIT {
    private static final Path PROJECT = Path.of(System.getProperty("nixpolicy.projectDir", ".")).toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("nixpolicy.jar", "target/nixpolicy.jar")).toAbsolutePath();
    private static final Path LAUNCHER = JAR.resolveSibling("nixpolicy");
    private static final int KILLS = Integer.getInteger("nixpolicy.crash.kills", 20);
    private static final int SERVICES = Integer.getInteger("nixpolicy.crash.services", 50);
    private static final int MOVE_DELAY_MILLIS = Integer.getInteger("nixpolicy.crash.moveDelayMillis", 3);

    /**
     * One run: its exit code, whether it was killed, stderr, its duration and, when its output
     * folder was watched, when a journal appeared there and when it was gone (-1: never seen).
     */
    record Run(int code, boolean killed, String err, long millis, long journalAt, long journalGoneAt) {}

    /** When to kill: {@code afterMillis} after the start, or after a journal appeared in {@code watch}; never when MAX_VALUE. */
    record Kill(long afterMillis, boolean afterJournal) {
        static final Kill NEVER = new Kill(Long.MAX_VALUE, false);
    }

    private static boolean hasJournal(Path out) {
        try (Stream<Path> list = Files.list(out)) {
            return list.anyMatch(p -> p.getFileName().toString().startsWith(OutputFolder.STAGING_PREFIX)
                    && Files.exists(p.resolve("journal")));
        } catch (IOException gone) {
            return false;
        }
    }

    private static Run nixpolicy(Path work, Path watch, Kill kill, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Dnixpolicy.test.moveDelayMillis=" + MOVE_DELAY_MILLIS);
        long start = System.nanoTime();
        Process process = builder.start();
        long journalAt = -1;
        long journalGoneAt = -1;
        boolean killed = false;
        if (watch == null) {
            killed = !process.waitFor(kill.afterMillis(), TimeUnit.MILLISECONDS);
        } else {
            long killAt = kill.afterJournal() ? Long.MAX_VALUE : kill.afterMillis();
            while (process.isAlive()) {
                long now = (System.nanoTime() - start) / 1_000_000;
                if (journalAt < 0 && hasJournal(watch)) {
                    journalAt = now;
                    if (kill.afterJournal()) {
                        killAt = now + kill.afterMillis();
                    }
                } else if (journalAt >= 0 && journalGoneAt < 0 && !hasJournal(watch)) {
                    journalGoneAt = now;
                }
                if (now >= killAt) {
                    killed = true;
                    break;
                }
                Thread.sleep(2);
            }
        }
        if (killed) {
            process.destroyForcibly();
        }
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "nixpolicy finished");
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(process.exitValue(), killed, Files.readString(err, StandardCharsets.UTF_8), millis, journalAt, journalGoneAt);
    }

    private static void facts(Path dir, boolean old) throws IOException {
        Files.createDirectories(dir);
        String sonarr = Files.readString(PROJECT.resolve("facts/sonarr.yaml"));
        for (int i = 1; i <= SERVICES; i++) {
            String name = String.format("svc-%04d", i);
            String text = sonarr.replaceFirst("(?m)^service: sonarr$", "service: " + name)
                    // the copies' data directory and port differ from sonarr's: say which module options take them
                    .replaceFirst("(?m)^  hardToPackage: false$", "  hardToPackage: false\n"
                            + "  moduleOptions: { port: settings.server.port, user: user, group: group, dataDir: dataDir }");
            if (old) {
                text = text.replaceFirst("(?m)^description: TV series management", "description: TV series manager");
            }
            Files.writeString(dir.resolve(name + ".yaml"), text);
        }
    }

    /** Files below root (staging folders left out) with their contents. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String name = root.relativize(p).toString();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(OutputFolder.STAGING_PREFIX)) {
                    seen.put(name, Files.readString(p));
                }
            }
        }
        return seen;
    }

    private static List<Path> stagingFolders(Path root) throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(p -> p.getFileName().toString().startsWith(OutputFolder.STAGING_PREFIX)).toList();
        }
    }

    private static List<Path> emptyFolders(Path root) throws IOException {
        List<Path> empty = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                try (Stream<Path> list = Files.list(p)) {
                    if (list.findAny().isEmpty()) {
                        empty.add(p);
                    }
                }
            }
        }
        return empty;
    }

    private static void populate(Path root, Map<String, String> files) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    @Test
    void aKilledGenerateLeavesTheOldOrTheNewFilesOnceRecovered(@TempDir Path work) throws Exception {
        long seed = Long.getLong("nixpolicy.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path newFacts = work.resolve("facts-new");
        Path oldFacts = work.resolve("facts-old");
        facts(newFacts, false);
        facts(oldFacts, true);

        // The older generation: every file generated from the old facts, but the docs of every third
        // service and the whole module folder of every fifth missing.
        Path older = work.resolve("older");
        Run generated = nixpolicy(work, null, Kill.NEVER, "generate", oldFacts.toString(), "--out", older.toString());
        assertEquals(0, generated.code(), generated.err());
        Map<String, String> oldSet = new TreeMap<>();
        files(older).forEach((name, text) -> {
            int service = Integer.parseInt(name.replaceAll(".*svc-(\\d{4}).*", "$1"));
            boolean dropped = (name.startsWith("docs/") && service % 3 == 0) || (name.contains("_modules") && service % 5 == 0);
            if (!dropped) {
                oldSet.put(name, text);
            }
        });

        // Calibration runs, not killed: they also give the new set, and --force must turn the old set into it.
        Path fresh = work.resolve("calibrate-fresh");
        Files.createDirectories(fresh);
        Run freshRun = nixpolicy(work, fresh, Kill.NEVER, "generate", newFacts.toString(), "--out", fresh.toString());
        assertEquals(0, freshRun.code(), freshRun.err());
        Map<String, String> newSet = files(fresh);
        assertEquals(3 * SERVICES, newSet.size());
        Path forced = work.resolve("calibrate-force");
        populate(forced, oldSet);
        Run forceRun = nixpolicy(work, forced, Kill.NEVER, "generate", newFacts.toString(), "--out", forced.toString(), "--force");
        assertEquals(0, forceRun.code(), forceRun.err());
        assertEquals(newSet, files(forced));
        assertFalse(oldSet.keySet().stream().anyMatch(name -> oldSet.get(name).equals(newSet.get(name))), "every old file changes");

        assertTrue(freshRun.journalAt() > 0 && forceRun.journalAt() > 0, "the calibration runs were seen renaming");
        long freshWindow = Math.max(1, freshRun.journalGoneAt() - freshRun.journalAt());
        long forceWindow = Math.max(1, forceRun.journalGoneAt() - forceRun.journalAt());

        // Four kinds of trial taking turns: fresh or --force, killed at a moment of the whole run or of
        // the rename phase (counted from the moment the journal appears, as the test sees it).
        Map<String, Integer> outcomes = new TreeMap<>();
        int strata = (KILLS + 3) / 4;
        for (int trial = 0; trial < KILLS; trial++) {
            boolean force = trial % 2 == 1;
            boolean inRenamePhase = trial % 4 >= 2;
            Map<String, String> before = force ? oldSet : Map.of();
            long span = inRenamePhase ? (force ? forceWindow : freshWindow) : (force ? forceRun.millis() : freshRun.millis());
            int stratum = trial / 4;
            long killAfter = (long) (span * 1.15 * (stratum + random.nextDouble()) / strata);
            Kill kill = new Kill(killAfter, inRenamePhase);
            Path out = work.resolve("trial-" + trial);
            populate(out, before);

            List<String> args = new ArrayList<>(List.of("generate", newFacts.toString(), "--out", out.toString()));
            if (force) {
                args.add("--force");
            }
            Run run = nixpolicy(work, out, kill, args.toArray(String[]::new));
            String where = "trial " + trial + (force ? " (--force)" : " (fresh)") + ", killed " + killAfter + " ms after "
                    + (inRenamePhase ? "the journal appeared" : "the start") + ", seed " + seed;

            // What the kill left on disk, before any recovery.
            List<Path> staging = stagingFolders(out);
            boolean journal = staging.stream().anyMatch(s -> Files.exists(s.resolve("journal")));
            Map<String, String> left = files(out);
            String phase;
            if (!run.killed()) {
                assertEquals(0, run.code(), where + ": " + run.err());
                phase = "finished before the kill";
            } else if (journal) {
                phase = "killed in the rename phase";
            } else if (!staging.isEmpty()) {
                phase = "killed while staging or cleaning up";
            } else {
                phase = "killed before staging or after cleanup";
            }
            if (!journal) {
                assertTrue(left.equals(before) || left.equals(newSet), where + ", " + phase + ": without a journal the files are untouched or complete");
            }
            boolean mixed = !left.equals(before) && !left.equals(newSet);

            // The next run recovers before anything else, even before it finds its facts file missing.
            Run next = nixpolicy(work, null, Kill.NEVER, "generate", work.resolve("no-such-facts.yaml").toString(), "--out", out.toString());
            assertEquals(2, next.code(), where + ": " + next.err());
            assertEquals(!staging.isEmpty(), next.err().contains(OutputFolder.STAGING_PREFIX), where + ": " + next.err());
            Map<String, String> recovered = files(out);
            String outcome = recovered.equals(newSet) ? "new" : recovered.equals(before) ? "old" : "MIXED";
            assertTrue(!outcome.equals("MIXED"), where + ", " + phase + ": the output holds exactly the old or the new files");
            if (journal) {
                assertEquals("new", outcome, where + ": a committed batch is finished");
            }
            assertEquals(List.of(), stagingFolders(out), where);
            assertEquals(List.of(), emptyFolders(out), where);
            outcomes.merge(phase + (mixed ? ", half-moved on disk" : "") + " -> " + outcome + (force ? " (--force)" : " (fresh)"), 1, Integer::sum);
        }

        System.out.println("CrashIT: " + KILLS + " kills, " + SERVICES + " services (" + 3 * SERVICES + " files), move delay "
                + MOVE_DELAY_MILLIS + " ms; calibrated runs " + freshRun.millis() + " ms fresh (rename phase " + freshWindow
                + " ms) / " + forceRun.millis() + " ms --force (rename phase " + forceWindow + " ms); seed " + seed);
        outcomes.forEach((what, count) -> System.out.println("  " + count + " x " + what));
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("killed in the rename phase")),
                "some kills landed in the rename phase: " + outcomes);
        assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("killed before") || k.startsWith("killed while")),
                "some kills landed before it: " + outcomes);
    }
}
