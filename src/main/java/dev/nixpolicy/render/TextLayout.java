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

    private static boolean endsWithAny(String line, String chars) {
        return !line.isEmpty() && chars.indexOf(line.charAt(line.length() - 1)) >= 0;
    }

    private static boolean startsWithAny(String line, String chars) {
        return !line.isEmpty() && chars.indexOf(line.charAt(0)) >= 0;
    }

    /** {@link #tidy} plus the Nix habit of no blank line just inside an opening or closing bracket. */
    public static String tidyNix(String text) {
        String[] lines = tidy(text).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            boolean blank = lines[i].isEmpty();
            boolean afterOpening = i > 0 && endsWithAny(lines[i - 1], "{[(");
            boolean beforeClosing = i + 1 < lines.length && startsWithAny(lines[i + 1].strip(), "}])");
            if (blank && i < lines.length - 1 && (afterOpening || beforeClosing)) {
                continue;
            }
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
