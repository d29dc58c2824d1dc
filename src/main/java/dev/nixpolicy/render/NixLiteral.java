package dev.nixpolicy.render;

import dev.nixpolicy.facts.AttributePaths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a decision value as a Nix literal: strings quoted and escaped, lists and attribute sets on one line. */
public final class NixLiteral {

    private NixLiteral() {}

    public static String of(Object value) {
        if (value instanceof Boolean || value instanceof Integer) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[ ]" : list.stream().map(NixLiteral::of).collect(Collectors.joining(" ", "[ ", " ]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> attributeName(String.valueOf(e.getKey())) + " = " + of(e.getValue()) + ";")
                    .collect(Collectors.joining(" ", "{ ", " }"));
        }
        return NixString.literal(String.valueOf(value));
    }

    /** A list of already written Nix expressions. */
    public static String list(List<String> expressions) {
        return expressions.isEmpty() ? "[ ]" : expressions.stream().collect(Collectors.joining(" ", "[ ", " ]"));
    }

    /** An attribute name, quoted when it is not a plain identifier or is a Nix keyword ({@code "com.sun:auto-snapshot"}, {@code "let"}). */
    public static String attributeName(String name) {
        return AttributePaths.isIdentifier(name) ? name : NixString.literal(name);
    }

    /** A dotted attribute path ({@code pkgs.unstable.sonarr}), each segment an attribute name: never more than a path. */
    public static String attributePath(String path) {
        return java.util.Arrays.stream(path.split("\\.", -1)).map(NixLiteral::attributeName).collect(Collectors.joining("."));
    }
}
