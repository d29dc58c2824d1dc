package dev.nixpolicy.facts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names derived from a secret's or service's name: the module option and the environment
 * variable. The loader refuses a secret whose derived names are unsafe or taken, and the
 * renderer prints the same derivations, so the two can never disagree.
 */
public final class SecretNames {
    /** A secret's name is also its systemd credential name, which must be a file name of at most 255 bytes. */
    private static final int LONGEST = 255;
    private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]*");
    private static final Pattern NIX_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");
    private static final Set<String> NIX_KEYWORDS = Set.of("let", "in", "if", "then", "else", "assert", "with", "rec",
            "inherit", "or");

    private SecretNames() {}

    /**
     * Why {@code secret} cannot name a secret, if it cannot: it must be one safe path segment
     * (the SOPS key under the service's prefix, {@code sonarr/api-key -> api-key}) whose
     * module option is a Nix identifier.
     */
    public static Optional<String> problemWith(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.of("is empty");
        }
        if (secret.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            return Optional.of("contains whitespace or a control character");
        }
        if (secret.contains("/")) {
            return Optional.of("contains '/'; name the key under the service's prefix only (sonarr/api-key -> api-key)");
        }
        if (secret.startsWith(".") || secret.startsWith("-")) {
            return Optional.of("must not start with '.' or '-'");
        }
        if (secret.contains("..")) {
            return Optional.of("must not contain '..'");
        }
        if (!NAME_CHARACTERS.matcher(secret).matches()) {
            return Optional.of("may contain only letters, digits, '-', '_' and '.'");
        }
        if (secret.length() > LONGEST) {
            return Optional.of("is longer than " + LONGEST + " characters (it becomes a systemd credential name)");
        }
        String option = option(secret);
        if (!isNixIdentifier(option)) {
            return Optional.of("becomes the module option " + option + ", which is not a Nix identifier");
        }
        return Optional.empty();
    }

    /** {@code api_key}, {@code api-key} and {@code api.key} all become the option {@code apiKeyFile}. */
    public static String option(String secret) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : secret.toCharArray()) {
            if (c == '_' || c == '-' || c == '.') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.append("File").toString();
    }

    /**
     * {@code paperless-ai} becomes {@code PAPERLESS_AI}, {@code tmdb.api-key} becomes
     * {@code TMDB_API_KEY}. For a secret {@link #problemWith} accepts this is a shell variable
     * name: a secret cannot start with '.' or '-', and one starting with a digit has no option.
     */
    public static String environment(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    private static boolean isNixIdentifier(String name) {
        return NIX_IDENTIFIER.matcher(name).matches() && !NIX_KEYWORDS.contains(name);
    }
}
