package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Finds the line where a rule is declared, for messages the compiler gives without one. */
final class LineOfRule {
    private LineOfRule() {}

    static int find(Path file, String ruleName) {
        Pattern declaration = Pattern.compile("^\\s*rule\\s+\"?" + Pattern.quote(ruleName) + "\"?\\s*(\\s.*)?$");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (declaration.matcher(lines.get(i)).matches()) {
                    return i + 1;
                }
            }
        } catch (IOException unreadable) {
            return 0;
        }
        return 0;
    }

    /** The first line holding the expression a compiler message quotes after its last colon, or 0. */
    static int lineContaining(Path file, String message) {
        int colon = message.lastIndexOf(": ");
        if (colon < 0) {
            return 0;
        }
        String quoted = message.substring(colon + 2).strip();
        if (quoted.length() < 3) {
            return 0;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(quoted)) {
                    return i + 1;
                }
            }
        } catch (IOException unreadable) {
            return 0;
        }
        return 0;
    }

    /** The name of the rule whose declaration is nearest above {@code line}, or null. */
    static String enclosingRule(Path file, int line) {
        Pattern declaration = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\".*$|^\\s*rule\\s+(\\S+).*$");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
                java.util.regex.Matcher m = declaration.matcher(lines.get(i));
                if (m.matches()) {
                    return m.group(1) != null ? m.group(1) : m.group(2);
                }
            }
        } catch (IOException unreadable) {
            return null;
        }
        return null;
    }
}
