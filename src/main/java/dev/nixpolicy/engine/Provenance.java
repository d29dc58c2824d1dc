package dev.nixpolicy.engine;

import java.util.List;

/**
 * Which rule inserted an object, the evidence its match held at that moment, and the facts
 * paths among it (where in a facts file a report about the object points).
 */
public record Provenance(RuleInfo rule, List<String> because, List<String> factPaths) {
    public Provenance {
        because = List.copyOf(because);
        factPaths = List.copyOf(factPaths);
    }
}
