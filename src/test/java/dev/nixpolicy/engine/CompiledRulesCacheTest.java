package dev.nixpolicy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.pipeline.Pipeline;
import dev.nixpolicy.record.DecisionRecord;
import dev.nixpolicy.render.RecordWriter;
import dev.nixpolicy.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edited rules are compiled once and then loaded from the cache; an edit is never served from
 * an old entry, and a damaged entry is compiled again, not trusted.
 */
class CompiledRulesCacheTest {
    static {
        // The background compile starts at once here, not when the test JVM exits.
        System.setProperty(CompiledRulesCache.FILL_PROPERTY, "now");
    }

    private static final String CATEGORY_RULE = "\"Services for web apps and APIs\"";

    @Test
    void anEditIsCompiledOnceAndNeverServedFromAnOldEntry(@TempDir Path dir) throws Exception {
        CompiledRulesCache cache = new CompiledRulesCache(dir.resolve("cache"));
        AtomicInteger builds = new AtomicInteger();

        Path edited = copyOfRules(dir, "edited", "Services");
        CompiledPolicy first = new DrlFolder(edited, "edited", Optional.of(cache)).compileIntoCache();

        // The same rules in another folder: same digest, so the cache answers.
        CompiledPolicy again = new DrlFolder(copyOfRules(dir, "same", "Services"), "edited", Optional.of(cache)).load(builds::incrementAndGet);
        assertEquals(0, builds.get(), "the same rules are taken from the cache");
        assertEquals(record(first), record(again), "the cached rules decide exactly as the compiled ones");

        // An edit that changes a decision: a new digest, built (by the classic engine, while a
        // process of its own compiles it into the cache), and the new value decided.
        Path changed = copyOfRules(dir, "changed", "Media");
        CompiledPolicy afterEdit = new DrlFolder(changed, "edited", Optional.of(cache)).load(builds::incrementAndGet);
        assertEquals(1, builds.get(), "an edit is built, never served from the old entry");
        assertEquals("Media", categoryOf(afterEdit));
        assertEquals("Services", categoryOf(again));
        Path filled = awaitEntry(cache, changed);
        assertTrue(Files.isDirectory(filled), "the background process compiled the edit into the cache");
        CompiledPolicy cached = new DrlFolder(copyOfRules(dir, "changed-again", "Media"), "edited", Optional.of(cache)).load(builds::incrementAndGet);
        assertEquals(1, builds.get(), "the edit now comes from the cache");
        assertEquals(record(afterEdit), record(cached), "the classic build and the cached executable model decide alike");
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertEquals(2, entries.filter(p -> p.getFileName().toString().startsWith("rules-")).count());
        }
    }

    @Test
    void aDamagedEntryIsCompiledAgainNotTrusted(@TempDir Path dir) throws Exception {
        CompiledRulesCache cache = new CompiledRulesCache(dir.resolve("cache"));
        AtomicInteger builds = new AtomicInteger();
        Path rules = copyOfRules(dir, "a", "Services");
        new DrlFolder(rules, "edited", Optional.of(cache)).compileIntoCache();
        Path entry = cache.entryFor(DrlFolder.Sources.read(rules).digest());
        Path classes = entry.resolve("classes.zip");
        byte[] bytes = Files.readAllBytes(classes);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(classes, bytes);

        CompiledPolicy rebuilt = new DrlFolder(copyOfRules(dir, "b", "Services"), "edited", Optional.of(cache)).load(builds::incrementAndGet);
        assertEquals(1, builds.get(), "a damaged entry is not loaded");
        assertEquals("Services", categoryOf(rebuilt));
        assertTrue(Files.isDirectory(awaitEntry(cache, rules)), "the entry is written again");
        assertTrue(cache.load(DrlFolder.Sources.read(rules).digest(), "edited").isPresent(), "and loads again");
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".staging-")), "no staging folder is left");
        }
    }

    /** The cache entry of {@code rules} once the background compile has written it (it takes seconds; given minutes). */
    private static Path awaitEntry(CompiledRulesCache cache, Path rules) throws Exception {
        Path entry = cache.entryFor(DrlFolder.Sources.read(rules).digest());
        for (int i = 0; i < 1200 && !Files.exists(entry.resolve("entry.properties")); i++) {
            Thread.sleep(100);
        }
        return entry;
    }

    /** The shipped rules, with the category web apps get set to {@code category}. */
    private static Path copyOfRules(Path dir, String name, String category) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(Project.rules())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(file);
                if (text.contains(CATEGORY_RULE)) {
                    int rule = text.indexOf("rule " + CATEGORY_RULE);
                    int end = text.indexOf("\nend", rule);
                    text = text.substring(0, rule) + text.substring(rule, end).replace("\"category\", \"Services\"", "\"category\", \"" + category + "\"")
                            + text.substring(end);
                }
                Files.writeString(copy.resolve(file.getFileName()), text);
            }
        }
        return copy;
    }

    private static String categoryOf(CompiledPolicy policy) throws Exception {
        DecisionRecord record = new Pipeline(policy).decide(
                new dev.nixpolicy.facts.FactsLoader().loadService(Project.dir().resolve("src/test/resources/evaluation/forced-user-native-package.yaml")), Project.defaultHost(), "web-app.yaml");
        return String.valueOf(record.decision("category").orElseThrow().value());
    }

    private static String record(CompiledPolicy policy) throws Exception {
        DecisionRecord record = new Pipeline(policy).decide(
                new dev.nixpolicy.facts.FactsLoader().loadService(Project.dir().resolve("facts/sonarr.yaml")), Project.defaultHost(), "facts/sonarr.yaml");
        return RecordWriter.json(record);
    }

    @Test
    void theStandardCacheFollowsXdgOrCanBeSwitchedOff() {
        String previous = System.getProperty(CompiledRulesCache.FOLDER_PROPERTY);
        try {
            System.setProperty(CompiledRulesCache.FOLDER_PROPERTY, "off");
            assertTrue(CompiledRulesCache.standard().isEmpty());
        } finally {
            if (previous == null) {
                System.clearProperty(CompiledRulesCache.FOLDER_PROPERTY);
            } else {
                System.setProperty(CompiledRulesCache.FOLDER_PROPERTY, previous);
            }
        }
    }
}
