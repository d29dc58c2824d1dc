package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import org.kie.api.definition.type.ClassReactive;

/** A UID the allocation rules consider, with the allocations skipped on the way. */
@ClassReactive
public final class UidCandidate implements Evidence {
    private final int uid;
    private final String history;

    public UidCandidate(int uid, String history) {
        this.uid = uid;
        this.history = history;
    }

    public int getUid() { return uid; }

    public String getHistory() { return history; }

    @Override public String evidence() { return history; }

    @Override public String toString() { return "UidCandidate[" + uid + "]"; }
}
