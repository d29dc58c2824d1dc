package dev.nixpolicy.render;

/**
 * Text from facts for a rationale printed on a terminal: as it is, without Markdown escapes,
 * but with control characters (an escape sequence could rewrite the screen) and line breaks
 * shown instead of acted on.
 */
public final class TerminalText {
    private TerminalText() {}

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(' ');
            } else if (Character.isISOControl(c) || c == '\u202e' || c == '\u202d') {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
