package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.Generated;
import dev.nixpolicy.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What nixpolicy writes does not depend on the machine's locale (Turkish dotted/dotless i). */
class LocaleIndependenceTest {
    /** A case mapping or formatting call that uses the default locale. */
    private static final Pattern DEFAULT_LOCALE = Pattern.compile(
            "\\.to(Upper|Lower)Case\\(\\s*\\)|String\\.format\\(\\s*\"|\\.formatted\\(");

    @Test
    void everyExampleIsWrittenTheSameUnderATurkishLocale() {
        Locale before = Locale.getDefault();
        Map<String, Map<String, String>> root = new LinkedHashMap<>();
        Map<String, Map<String, String>> turkish = new LinkedHashMap<>();
        try {
            Locale.setDefault(Locale.ROOT);
            Project.examples().forEach(e -> root.put(e.toString(), Generated.files(Generated.record(e))));
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            Project.examples().forEach(e -> turkish.put(e.toString(), Generated.files(Generated.record(e))));
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(root, turkish);
    }

    @Test
    void rulesAndCodeNameTheRootLocale() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Project.rules()), Files.walk(Project.dir().resolve("src/main/java")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl") || f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (DEFAULT_LOCALE.matcher(lines.get(i)).find()) {
                        offenders.add(Project.dir().relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "case mappings or formats with the default locale (use Locale.ROOT): " + offenders);
    }
}
