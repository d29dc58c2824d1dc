package dev.nixpolicy.render;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.WordUtils;

/** Comment lines for generated Nix: one logical remark wrapped at 96 columns, never breaking out of the comment. */
public final class NixComment {
    private static final int WIDTH = 96;
    private static final java.util.regex.Pattern BREAKS = java.util.regex.Pattern.compile("[\\r\\n\\t]+");

    private NixComment() {}

    /** The remark as lines without the leading {@code #}, wrapped; newlines in it become spaces. */
    public static List<String> lines(String remark) {
        String flat = BREAKS.matcher(remark).replaceAll(" ").strip();
        List<String> lines = new ArrayList<>();
        for (String line : WordUtils.wrap(flat, WIDTH, "\n", true).split("\n")) {
            lines.add(line.stripTrailing());
        }
        return lines;
    }
}
