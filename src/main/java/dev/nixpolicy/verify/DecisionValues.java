package dev.nixpolicy.verify;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * When an expected value and a decided one are the same decision. Values are compared as
 * values, not as text: 8989 (an int in YAML) is the Integer 8989 a rule decided, but the
 * string "8989" is not; a list is a set of choices, so its order does not matter;
 * {@code none} and null both say "no such thing".
 */
public final class DecisionValues {
    private DecisionValues() {}

    public static boolean isNone(Object value) {
        return value == null || "none".equals(value);
    }

    public static boolean agree(Object expected, Object decided) {
        return comparable(expected).equals(comparable(decided));
    }

    /** A value whose equals is the comparison above: lists become counts of their items, numbers lose their scale. */
    private static Object comparable(Object value) {
        if (isNone(value)) {
            return None.NONE;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof List<?> list) {
            Map<Object, Integer> counts = new HashMap<>();
            list.forEach(item -> counts.merge(comparable(item), 1, Integer::sum));
            return counts;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new TreeMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), comparable(v)));
            return entries;
        }
        return value;
    }

    /** A value as an expected file would write it: {@code none}, {@code [a, b]}, {@code {k: v}}, text unquoted. */
    public static String show(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DecisionValues::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    /** Stands for both null and "none", which a HashMap of list items could not hold as one key otherwise. */
    private enum None { NONE }
}
