package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import org.kie.api.definition.type.ClassReactive;

/** A port the allocation rules consider, with how they got to it (the collisions passed on the way). */
@ClassReactive
public final class PortCandidate implements Evidence {
    private final int port;
    private final AllocationTrail trail;

    /** The first candidate, where the rules start (e.g. "first UID of the range 900"). */
    public PortCandidate(int port, String start) {
        this(port, AllocationTrail.startingAt(start));
    }

    public PortCandidate(int port, AllocationTrail trail) {
        this.port = port;
        this.trail = trail;
    }

    public int getPort() { return port; }

    /** The way to this candidate followed by {@code step}, for the candidate after it. */
    public AllocationTrail skipping(String step) { return trail.then(step); }

    @Override public String evidence() { return trail.toString(); }

    @Override public String toString() { return "PortCandidate[" + port + "]"; }
}
