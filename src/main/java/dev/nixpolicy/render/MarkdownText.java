package dev.nixpolicy.render;

import java.util.Map;
import org.apache.commons.text.translate.AggregateTranslator;
import org.apache.commons.text.translate.CharSequenceTranslator;
import org.apache.commons.text.translate.LookupTranslator;

/**
 * Escapes text from facts for Markdown so that it reads as the same text and never as markup
 * (emphasis, links, HTML, table cells, headings) or a line break.
 */
public final class MarkdownText {
    public static final CharSequenceTranslator ESCAPE = new AggregateTranslator(new LookupTranslator(Map.ofEntries(
            Map.entry("\\", "\\\\"),
            Map.entry("`", "\\`"),
            Map.entry("*", "\\*"),
            Map.entry("_", "\\_"),
            Map.entry("[", "\\["),
            Map.entry("]", "\\]"),
            Map.entry("<", "&lt;"),
            Map.entry(">", "&gt;"),
            Map.entry("&", "&amp;"),
            Map.entry("|", "\\|"),
            Map.entry("#", "\\#"),
            Map.entry("\r\n", " "),
            Map.entry("\n", " "),
            Map.entry("\r", " "))));

    private MarkdownText() {}

    public static String escape(String text) {
        return ESCAPE.translate(text);
    }
}
