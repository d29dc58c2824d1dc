package dev.nixpolicy.engine;

import java.util.List;

/** Which rule inserted an object, and the evidence its match held at that moment. */
public record Provenance(RuleInfo rule, List<String> because) {
    public Provenance {
        because = List.copyOf(because);
    }
}
