package dev.nixpolicy.facts;

/**
 * A value as a message quotes it: in double quotes, with quotes, backslashes and control
 * characters escaped (a message is one line, and a terminal must not interpret what a file
 * holds), and a long value cut to its first {@value #SHOWN} characters followed by how long
 * it is, so that a long value cannot drown the problem.
 */
public final class Quote {
    /** Messages quote at most this many characters (code points) of a value. */
    public static final int SHOWN = 80;

    private Quote() {}

    /** {@code "value"}, or {@code "first 80 characters..." (N characters)}; {@code null} for null. */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        int length = value.codePointCount(0, value.length());
        String shown = escaped(value);
        return length > SHOWN ? "\"" + shown + "...\" (" + length + " characters)" : "\"" + shown + "\"";
    }

    /** A key as messages name it: {@code 'key'}, or quoted as {@link #of(String)} when it is long or holds special characters. */
    public static String key(String key) {
        if (key != null && key.length() <= SHOWN && key.chars().allMatch(c -> c >= 0x20 && c != '\'' && c != 0x7f && c < 0x80)) {
            return "'" + key + "'";
        }
        return of(key);
    }

    /** Any value for a message: a string quoted as {@link #of(String)}, anything else as text, cut short the same way. */
    public static String any(Object value) {
        if (value instanceof String s) {
            return of(s);
        }
        String text = String.valueOf(value);
        int length = text.codePointCount(0, text.length());
        return length > SHOWN ? escaped(text) + "... (" + length + " characters)" : escaped(text);
    }

    /** The first {@value #SHOWN} characters of {@code value}, escaped. */
    private static String escaped(String value) {
        String shown = value.codePointCount(0, value.length()) > SHOWN
                ? value.substring(0, value.offsetByCodePoints(0, SHOWN)) : value;
        StringBuilder out = new StringBuilder(shown.length() + 16);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
