package dev.nixpolicy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The diffs of generate --check read as {@code diff -u} prints them, empty sides included. */
class UnifiedDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("m.nix", "a\n", "a\n"));
    }

    @Test
    void aNewFileComesFromDevNullNumberedFromZero() {
        assertEquals("--- /dev/null\n+++ b/m.nix\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("m.nix", "", "a\nb\n"));
    }

    @Test
    void anEmptiedFileGoesToZeroLines() {
        assertEquals("--- a/m.nix\n+++ b/m.nix\n@@ -1,2 +0,0 @@\n-a\n-b\n", UnifiedDiff.of("m.nix", "a\nb\n", ""));
    }

    @Test
    void changesCloserThanTwiceTheContextShareOneHunk() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n";
        assertEquals("--- a/m.nix\n+++ b/m.nix\n@@ -2,9 +2,10 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n+11\n",
                UnifiedDiff.of("m.nix", before, after));
    }

    @Test
    void distantChangesAreSeparateHunks() {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
            after.append(i == 2 ? "two" : i == 19 ? "nineteen" : String.valueOf(i)).append('\n');
        }
        assertEquals("--- a/m.nix\n+++ b/m.nix\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
                + "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n", UnifiedDiff.of("m.nix", before.toString(), after.toString()));
    }
}
