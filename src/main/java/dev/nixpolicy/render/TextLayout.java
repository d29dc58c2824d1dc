package dev.nixpolicy.render;

/**
 * The one formatting pass every rendered file gets: no trailing whitespace, no runs of
 * blank lines, exactly one final newline.
 */
public final class TextLayout {
    private TextLayout() {}

    public static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean blank = true;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                if (!blank) {
                    out.append('\n');
                }
                blank = true;
            } else {
                out.append(trimmed).append('\n');
                blank = false;
            }
        }
        int end = out.length();
        while (end > 1 && out.charAt(end - 1) == '\n' && out.charAt(end - 2) == '\n') {
            end--;
        }
        return out.substring(0, end);
    }
}
