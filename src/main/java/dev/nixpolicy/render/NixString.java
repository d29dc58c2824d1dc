package dev.nixpolicy.render;

import java.util.Map;

/**
 * Escapes text for the inside of a Nix double-quoted string: backslash, double quote, the
 * interpolation opener {@code ${} and control characters, so that text from facts is
 * always a literal and never Nix code.
 */
public final class NixString {
    static final CharEscaper ESCAPE = new CharEscaper(Map.of(
            '\\', "\\\\",
            '"', "\\\"",
            '\n', "\\n",
            '\r', "\\r",
            '\t', "\\t"), true);

    /** The one interpolation a record value may carry: the host's domain (decision-record-v1 hostName). */
    static final String DOMAIN = "${config.networking.domain}";

    private NixString() {}

    public static String escape(String text) {
        return ESCAPE.escape(text);
    }

    /** A Nix string literal, quotes included. */
    public static String literal(String text) {
        return "\"" + escape(text) + "\"";
    }

    /**
     * The inside of a Nix string for a value built on the host's domain: everything escaped
     * except the {@value #DOMAIN} interpolation itself.
     */
    public static String withDomain(String text) {
        return escape(text).replace("\\" + DOMAIN, DOMAIN);
    }
}
