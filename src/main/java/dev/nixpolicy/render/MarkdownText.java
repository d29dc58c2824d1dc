package dev.nixpolicy.render;

import java.util.Map;

/**
 * Escapes text from facts for Markdown so that it reads as the same text and never as markup
 * (emphasis, links, HTML, table cells, headings) or a line break.
 */
public final class MarkdownText {
    static final CharEscaper ESCAPE = new CharEscaper(Map.ofEntries(
            Map.entry('\\', "\\\\"),
            Map.entry('`', "\\`"),
            Map.entry('*', "\\*"),
            Map.entry('_', "\\_"),
            Map.entry('[', "\\["),
            Map.entry(']', "\\]"),
            Map.entry('<', "&lt;"),
            Map.entry('>', "&gt;"),
            Map.entry('&', "&amp;"),
            Map.entry('|', "\\|"),
            Map.entry('#', "\\#"),
            Map.entry('\r', " "),
            Map.entry('\n', " ")), false);

    private MarkdownText() {}

    public static String escape(String text) {
        return ESCAPE.escape(text);
    }
}
