package dev.nixpolicy.facts;

import java.util.List;

/** The entries of a list value as text, so rules read lists without casts. */
public final class ListItems {
    private ListItems() {}

    public static List<String> of(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
