package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** A decision key this service must have decided; a required key left undecided is a policy gap. */
@ClassReactive
public final class Required implements Evidence {
    private final String key;

    public Required(String key) { this.key = Objects.requireNonNull(key); }

    public String getKey() { return key; }

    @Override public String evidence() { return key + " must be decided"; }

    @Override public String toString() { return "Required[" + key + "]"; }
}
