package dev.nixpolicy.facts;

import org.kie.api.definition.type.ClassReactive;

/** A crowded port range on the host that new services should stay out of. */
@ClassReactive
public final class BusyPortRange implements Evidence {
    private final int min;
    private final int max;
    private final String evidence;

    /** A range the host file names. */
    public BusyPortRange(int min, int max) {
        this(min, max, "host busy port range " + min + "-" + max);
    }

    /** A range the rules found crowded, and why. */
    public BusyPortRange(int min, int max, String evidence) {
        this.min = min;
        this.max = max;
        this.evidence = evidence;
    }

    public int getMin() { return min; }

    public int getMax() { return max; }

    public boolean covers(int port) { return port >= min && port <= max; }

    @Override public String evidence() { return evidence; }

    @Override public String toString() { return "BusyPortRange[" + min + "-" + max + "]"; }
}
