package dev.nixpolicy.engine;

import java.util.List;
import java.util.Set;

/** What one run of the rules produced: every traced insertion, in firing order, and the rules that fired. */
public record EngineRun(List<Traced<Object>> inserted, Set<String> firedRules) {
    public EngineRun {
        inserted = List.copyOf(inserted);
        firedRules = Set.copyOf(firedRules);
    }
}
