package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import org.kie.api.definition.type.ClassReactive;

/** A UID the allocation rules consider, with the allocations skipped on the way. */
@ClassReactive
public final class UidCandidate implements Evidence {
    private final int uid;
    private final AllocationTrail trail;

    /** The first candidate, where the rules start (e.g. "first UID of the range 900"). */
    public UidCandidate(int uid, String start) {
        this(uid, AllocationTrail.startingAt(start));
    }

    public UidCandidate(int uid, AllocationTrail trail) {
        this.uid = uid;
        this.trail = trail;
    }

    public int getUid() { return uid; }

    /** The way to this candidate followed by {@code step}, for the candidate after it. */
    public AllocationTrail skipping(String step) { return trail.then(step); }

    @Override public String evidence() { return trail.toString(); }

    @Override public String toString() { return "UidCandidate[" + uid + "]"; }
}
