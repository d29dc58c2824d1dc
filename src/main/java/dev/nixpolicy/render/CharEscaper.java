package dev.nixpolicy.render;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.commons.text.translate.CharSequenceTranslator;

/**
 * A {@link CharSequenceTranslator} that replaces single characters (and, for Nix, the pair
 * {@code ${}) from a table. Commons Text's LookupTranslator tries every prefix length at every
 * index; rendering a thousand services spent most of its time there.
 */
final class CharEscaper extends CharSequenceTranslator {
    private final String[] replacements = new String[128];
    private final boolean escapeInterpolation;

    CharEscaper(Map<Character, String> table, boolean escapeInterpolation) {
        table.forEach((c, replacement) -> replacements[c] = replacement);
        this.escapeInterpolation = escapeInterpolation;
    }

    @Override
    public int translate(CharSequence input, int index, Writer writer) throws IOException {
        char c = input.charAt(index);
        if (escapeInterpolation && c == '$' && index + 1 < input.length() && input.charAt(index + 1) == '{') {
            writer.write("\\${");
            return 2;
        }
        if (c < 128 && replacements[c] != null) {
            writer.write(replacements[c]);
            return 1;
        }
        return 0;
    }

    /** Escapes {@code text}, returning it unchanged (no copy) when nothing in it needs escaping. */
    String escape(String text) {
        boolean needed = false;
        for (int i = 0; i < text.length() && !needed; i++) {
            char c = text.charAt(i);
            needed = c < 128 && (replacements[c] != null || (escapeInterpolation && c == '$'));
        }
        if (!needed) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escapeInterpolation && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                out.append("\\${");
                i++;
            } else if (c < 128 && replacements[c] != null) {
                out.append(replacements[c]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
