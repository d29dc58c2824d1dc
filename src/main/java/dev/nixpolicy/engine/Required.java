package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.List;
import org.kie.api.definition.type.ClassReactive;

/** Decision keys this service must have decided; a required key left undecided is a policy gap. */
@ClassReactive
public final class Required implements Evidence {
    private final List<String> keys;

    public Required(String... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("Required names at least one key");
        }
        this.keys = List.of(keys);
    }

    public List<String> getKeys() { return keys; }

    @Override public String evidence() { return String.join(", ", keys) + " must be decided"; }

    @Override public String toString() { return "Required" + keys; }
}
