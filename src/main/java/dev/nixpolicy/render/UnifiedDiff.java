package dev.nixpolicy.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/** A unified diff (three lines of context) between two texts, as {@code diff -u} prints it. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff of {@code before} (labelled {@code a/path}, or /dev/null when empty) to {@code after} ({@code b/path}); empty when equal. */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(before.isEmpty() ? "/dev/null" : "a/" + path, "b/" + path,
                a, patch, CONTEXT);
        StringBuilder out = new StringBuilder();
        // diff -u numbers an empty side from 0 (@@ -0,0 +1,2 @@); the library from 1.
        diff.forEach(line -> out.append(line.startsWith("@@ ") ? line.replace("@@ -1,0 ", "@@ -0,0 ").replace(" +1,0 @@", " +0,0 @@") : line)
                .append('\n'));
        return out.toString();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
