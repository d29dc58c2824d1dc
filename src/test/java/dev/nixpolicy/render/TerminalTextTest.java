package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpolicy.testing.CliRun;
import dev.nixpolicy.testing.Project;
import org.junit.jupiter.api.Test;

/** The rationale on a terminal reads as plain text: no Markdown escapes, no control characters acted on. */
class TerminalTextTest {
    @Test
    void textIsPrintedAsItIsButControlCharactersAreShown() {
        assertEquals("HOMEPAGE_VAR_SONARR_API_KEY [STATUS] == 200 < 5000", TerminalText.escape("HOMEPAGE_VAR_SONARR_API_KEY [STATUS] == 200 < 5000"));
        assertEquals("red \\u001b[31m text \\u202e", TerminalText.escape("red \u001b[31m text \u202e"));
        assertEquals("two lines", TerminalText.escape("two\nlines"));
    }

    @Test
    void theTextFormatHasNoMarkdownEscapes() {
        CliRun run = CliRun.of("decide", "--format", "text", Project.dir().resolve("facts/radarr.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("HOMEPAGE_VAR_RADARR_API_KEY"), run.out());
        assertTrue(run.out().contains("[STATUS] == 200"), run.out());
        assertFalse(run.out().contains("\\_") || run.out().contains("\\[") || run.out().contains("&lt;"), run.out());
        CliRun markdown = CliRun.of("decide", "--format", "markdown", Project.dir().resolve("facts/radarr.yaml").toString());
        assertTrue(markdown.out().contains("HOMEPAGE\\_VAR\\_RADARR\\_API\\_KEY"), "the Markdown keeps its escapes");
    }
}
