package dev.nixpolicy.scan;

import dev.nixpolicy.scan.NixTokens.Kind;
import dev.nixpolicy.scan.NixTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The attribute bindings ({@code a.b.c = value;}) of one Nix file with their full attribute
 * path: a binding nested in an attribute set, a list or a function call under another binding
 * carries that binding's path first, so {@code users.users.sonarr = { uid = 568; }} and
 * {@code uid = mkOption { default = 918; }} under {@code options.modules.services.sonarr} read
 * as {@code users.users.sonarr.uid} and {@code options.modules.services.sonarr.uid.default}.
 * A path segment that is computed ({@code ${…}}) stays {@code ${…}}.
 */
public final class Bindings {
    public static final String COMPUTED = "${…}";

    /** One binding: its full path, the line it is on, and the tokens of its value (up to its end). */
    public record Binding(List<String> path, int line, List<Token> value) {
        public String last() { return path.get(path.size() - 1); }

        public String lastButOne() { return path.size() < 2 ? "" : path.get(path.size() - 2); }
    }

    /** Where bindings can be: a {@code { }} attribute set, a {@code let}, or a list, call or the file itself (none). */
    private enum Scope { ATTRIBUTES, LET, OTHER }

    private static final class Frame {
        final List<String> prefix;
        final Scope scope;
        List<String> pending;
        int pendingIndex = -1;
        int pendingLine;

        Frame(List<String> prefix, Scope scope) {
            this.prefix = prefix;
            this.scope = scope;
        }

        List<String> inner() {
            if (pending == null) {
                return prefix;
            }
            List<String> path = new ArrayList<>(prefix);
            path.addAll(pending);
            return path;
        }
    }

    private Bindings() {}

    public static List<Binding> of(List<Token> tokens) {
        List<Binding> bindings = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(List.of(), Scope.OTHER));
        boolean bindingMayStart = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Frame top = frames.peek();
            if (bindingMayStart && top.scope != Scope.OTHER) {
                int equals = attributePathEnd(tokens, i);
                if (equals > 0) {
                    List<String> path = new ArrayList<>();
                    for (int j = i; j < equals; j += 2) {
                        path.add(tokens.get(j).text());
                    }
                    top.pending = path;
                    top.pendingIndex = equals + 1;
                    top.pendingLine = token.line();
                    i = equals;
                    bindingMayStart = false;
                    continue;
                }
            }
            bindingMayStart = false;
            if (token.kind() == Kind.SYMBOL) {
                switch (token.text()) {
                    case "{" -> {
                        frames.push(new Frame(top.inner(), Scope.ATTRIBUTES));
                        bindingMayStart = true;
                    }
                    case "[", "(" -> frames.push(new Frame(top.inner(), Scope.OTHER));
                    case "}", "]", ")" -> {
                        if (frames.size() > 1) {
                            frames.pop();
                        }
                    }
                    case ";" -> {
                        close(top, tokens, i, bindings);
                        bindingMayStart = top.scope != Scope.OTHER;
                    }
                    default -> { }
                }
            } else if (token.kind() == Kind.IDENTIFIER && token.text().equals("let")) {
                frames.push(new Frame(top.inner(), Scope.LET));
                bindingMayStart = true;
            } else if (token.kind() == Kind.IDENTIFIER && token.text().equals("in") && top.scope == Scope.LET) {
                frames.pop();
            }
        }
        return bindings;
    }

    /** Records the pending binding of {@code frame}, whose value ends at {@code end} (a {@code ;}). */
    private static void close(Frame frame, List<Token> tokens, int end, List<Binding> out) {
        if (frame.pending != null) {
            List<String> path = new ArrayList<>(frame.prefix);
            path.addAll(frame.pending);
            out.add(new Binding(List.copyOf(path), frame.pendingLine, List.copyOf(tokens.subList(frame.pendingIndex, end))));
        }
        frame.pending = null;
    }

    /** If an attribute path followed by a single {@code =} starts at {@code start}, the index of that {@code =}; else -1. */
    private static int attributePathEnd(List<Token> tokens, int start) {
        int i = start;
        while (i < tokens.size()) {
            Token name = tokens.get(i);
            boolean isName = name.kind() == Kind.IDENTIFIER || name.kind() == Kind.STRING || name.kind() == Kind.INTERPOLATION;
            if (!isName || (name.kind() == Kind.IDENTIFIER && List.of("inherit", "let", "in", "rec", "with", "if", "assert").contains(name.text()))) {
                return -1;
            }
            if (i + 1 >= tokens.size()) {
                return -1;
            }
            Token next = tokens.get(i + 1);
            if (next.is(".")) {
                i += 2;
            } else if (next.is("=") && !(i + 2 < tokens.size() && tokens.get(i + 2).is("="))) {
                return i + 1;
            } else {
                return -1;
            }
        }
        return -1;
    }
}
