package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import org.kie.api.definition.type.ClassReactive;

/** The range new service UIDs come from, as the rules settled it (the host's, or the policy's when the host states none). */
@ClassReactive
public final class UidRange implements Evidence {
    private final int min;
    private final int max;
    private final String origin;

    public UidRange(int min, int max, String origin) {
        this.min = min;
        this.max = max;
        this.origin = origin;
    }

    public int getMin() { return min; }

    public int getMax() { return max; }

    @Override public String evidence() { return "UID range " + min + "-" + max + " (" + origin + ")"; }

    @Override public String toString() { return "UidRange[" + min + "-" + max + "]"; }
}
