package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling templates ahead (while the rules load) changes nothing a render shows. */
class TemplatesTest {
    @Test
    void aPreparedTemplateRendersAsAFreshOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.md.mustache"), "# {{title}}\n");
        Templates prepared = new Templates(dir);
        prepared.prepare("t.md.mustache");
        Files.writeString(dir.resolve("t.md.mustache"), "edited after prepare\n");
        assertEquals("# a\\_b\n", prepared.render("t.md.mustache", Map.of("title", "a_b")),
                "a prepared template is the compiled one, escaped as Markdown");
    }

    @Test
    void aBrokenTemplateIsReportedByRenderNotByPrepare(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.md.mustache"), "{{#open}} never closed\n");
        Templates templates = new Templates(dir);
        assertDoesNotThrow(() -> templates.prepare("broken.md.mustache", "missing.md.mustache"));
        IllegalStateException broken = assertThrows(IllegalStateException.class,
                () -> templates.render("broken.md.mustache", Map.of()));
        assertTrue(broken.getMessage().contains("broken.md.mustache"), broken.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> templates.render("missing.md.mustache", Map.of()));
        assertTrue(missing.getMessage().contains("cannot be read"), missing.getMessage());
    }
}
