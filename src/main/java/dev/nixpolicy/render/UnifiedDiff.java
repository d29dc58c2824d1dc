package dev.nixpolicy.render;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (three lines of context) between two texts, as {@code diff -u} prints it. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    private record Edit(char kind, String line, int oldLine, int newLine) {}

    /** The diff of {@code before} (labelled {@code a/path}) to {@code after} ({@code b/path}); empty when equal. */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before.isEmpty() ? "/dev/null" : "a/" + path).append('\n');
        out.append("+++ b/").append(path).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).kind() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(out, edits.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> hunk) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.kind() != '+') {
                oldCount++;
                if (oldStart == 0) {
                    oldStart = e.oldLine();
                }
            }
            if (e.kind() != '-') {
                newCount++;
                if (newStart == 0) {
                    newStart = e.newLine();
                }
            }
        }
        if (oldStart == 0) {
            oldStart = hunk.get(0).oldLine() - 1;
        }
        if (newStart == 0) {
            newStart = hunk.get(0).newLine() - 1;
        }
        out.append("@@ -").append(oldStart).append(',').append(oldCount)
                .append(" +").append(newStart).append(',').append(newCount).append(" @@\n");
        for (Edit e : hunk) {
            out.append(e.kind()).append(e.line()).append('\n');
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The shortest edit script by longest common subsequence; files here are a few hundred lines. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i + 1, j + 1));
                i++;
            } else {
                edits.add(new Edit('+', b.get(j), i + 1, j + 1));
                j++;
            }
        }
        return edits;
    }
}
