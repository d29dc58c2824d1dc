package dev.nixpolicy.facts;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dotted Nix attribute paths a decision may name ({@code pkgs.unstable.sonarr},
 * {@code settings.server.port}): each segment made of identifier characters, so the path can
 * never be more than a path; a segment that is a Nix keyword is printed quoted.
 */
public final class AttributePaths {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");
    /** The words Nix reserves; an attribute named so must be quoted, so it is no plain identifier. */
    public static final Set<String> KEYWORDS = Set.of("let", "in", "if", "then", "else", "assert", "with", "rec",
            "inherit", "or");
    private static final int LONGEST = 200;

    private AttributePaths() {}

    public static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name);
    }

    /** Why {@code path} is not a plain dotted attribute path, or empty when it is. */
    public static Optional<String> problemWith(String path) {
        if (path.length() > LONGEST) {
            return Optional.of("is longer than " + LONGEST + " characters");
        }
        for (String segment : path.split("\\.", -1)) {
            if (!IDENTIFIER.matcher(segment).matches()) {
                return Optional.of("must be a dotted attribute path of Nix identifiers (letters, digits, _ ' -);"
                        + " \"" + shortened(segment) + "\" is not one");
            }
        }
        return Optional.empty();
    }

    static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " characters)";
    }
}
