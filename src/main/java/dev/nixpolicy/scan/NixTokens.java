package dev.nixpolicy.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Nix source into tokens the way Nix reads it, so that a scan sees assignments and not
 * text: comments ({@code #} and {@code /* *}{@code /}) are dropped, strings ({@code "…"} and
 * {@code ''…''}) are one token each whatever they contain, and an interpolation inside a string
 * stands as {@code ${…}} in its text. Not a full parser: paths, operators and URIs are tokens
 * that a scan ignores; malformed input never fails, it only ends early.
 */
public final class NixTokens {
    /** What a token is. */
    public enum Kind { IDENTIFIER, INTEGER, STRING, INTERPOLATION, SYMBOL, OTHER }

    /** One token and the line it starts on. {@code text} of a string is its value; an interpolation in it reads {@code ${…}}. */
    public record Token(Kind kind, String text, int line) {
        public boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENTIFIER) && text.equals(symbol);
        }
    }

    private final String source;
    private int at;
    private int line = 1;

    private NixTokens(String source) {
        this.source = source;
    }

    public static List<Token> of(String source) {
        NixTokens lexer = new NixTokens(source);
        List<Token> tokens = new ArrayList<>();
        lexer.readUntilClose(tokens, false);
        return tokens;
    }

    /** Reads tokens into {@code out}; inside an interpolation, stops after the brace that closes it. */
    private void readUntilClose(List<Token> out, boolean insideInterpolation) {
        int depth = 0;
        while (skipSpaceAndComments()) {
            char c = source.charAt(at);
            int startLine = line;
            if (c == '"') {
                at++;
                out.add(new Token(Kind.STRING, readString(), startLine));
            } else if (c == '\'' && peek(1) == '\'') {
                at += 2;
                out.add(new Token(Kind.STRING, readIndentedString(), startLine));
            } else if (c == '$' && peek(1) == '{') {
                // ${ … } as an attribute name or a dynamic expression outside a string.
                at += 2;
                readUntilClose(new ArrayList<>(), true);
                out.add(new Token(Kind.INTERPOLATION, "${…}", startLine));
            } else if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < source.length() && isIdentifierPart(source.charAt(at))) {
                    at++;
                }
                out.add(new Token(Kind.IDENTIFIER, source.substring(start, at), startLine));
            } else if (Character.isDigit(c)) {
                int start = at;
                while (at < source.length() && Character.isDigit(source.charAt(at))) {
                    at++;
                }
                boolean fraction = at < source.length() && (source.charAt(at) == '.' || Character.isLetter(source.charAt(at)));
                while (at < source.length() && (Character.isLetterOrDigit(source.charAt(at)) || source.charAt(at) == '.')) {
                    at++;
                }
                out.add(new Token(fraction ? Kind.OTHER : Kind.INTEGER, source.substring(start, at), startLine));
            } else {
                at++;
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (insideInterpolation && depth == 0) {
                        return;
                    }
                    depth--;
                }
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), startLine));
            }
        }
    }

    /** Skips blanks and comments; false at the end of the source. */
    private boolean skipSpaceAndComments() {
        while (at < source.length()) {
            char c = source.charAt(at);
            if (c == '\n') {
                line++;
                at++;
            } else if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '#') {
                while (at < source.length() && source.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '/' && peek(1) == '*') {
                at += 2;
                while (at < source.length() && !(source.charAt(at) == '*' && peek(1) == '/')) {
                    if (source.charAt(at) == '\n') {
                        line++;
                    }
                    at++;
                }
                at = Math.min(source.length(), at + 2);
            } else {
                return true;
            }
        }
        return false;
    }

    /** The rest of a {@code "…"} string after its opening quote. */
    private String readString() {
        StringBuilder text = new StringBuilder();
        while (at < source.length()) {
            char c = source.charAt(at);
            if (c == '"') {
                at++;
                return text.toString();
            } else if (c == '\\' && at + 1 < source.length()) {
                char escaped = source.charAt(at + 1);
                text.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> escaped;
                });
                if (escaped == '\n') {
                    line++;
                }
                at += 2;
            } else if (c == '$' && peek(1) == '$') {
                text.append("$$");
                at += 2;
            } else {
                readInterpolationOrCharacter(text);
            }
        }
        return text.toString();
    }

    /** The rest of a {@code ''…''} string after its opening quotes. */
    private String readIndentedString() {
        StringBuilder text = new StringBuilder();
        while (at < source.length()) {
            char c = source.charAt(at);
            if (c == '\'' && peek(1) == '\'') {
                char next = peek(2);
                if (next == '\'') {
                    text.append("''");
                    at += 3;
                } else if (next == '$') {
                    text.append('$');
                    at += 3;
                } else if (next == '\\' && at + 3 < source.length()) {
                    text.append(source.charAt(at + 3));
                    at += 4;
                } else {
                    at += 2;
                    return text.toString();
                }
            } else {
                readInterpolationOrCharacter(text);
            }
        }
        return text.toString();
    }

    /** Inside a string: an interpolation, which stands as ${…}, or one character as it is. */
    private void readInterpolationOrCharacter(StringBuilder text) {
        char c = source.charAt(at);
        if (c == '$' && peek(1) == '{') {
            at += 2;
            readUntilClose(new ArrayList<>(), true);
            text.append("${…}");
            return;
        }
        if (c == '\n') {
            line++;
        }
        text.append(c);
        at++;
    }

    private char peek(int ahead) {
        return at + ahead < source.length() ? source.charAt(at + ahead) : '\0';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '-';
    }
}
