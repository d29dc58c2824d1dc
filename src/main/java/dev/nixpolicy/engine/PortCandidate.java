package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import org.kie.api.definition.type.ClassReactive;

/** A port the allocation rules consider, with how they got to it (the collisions passed on the way). */
@ClassReactive
public final class PortCandidate implements Evidence {
    private final int port;
    private final String history;

    public PortCandidate(int port, String history) {
        this.port = port;
        this.history = history;
    }

    public int getPort() { return port; }

    public String getHistory() { return history; }

    @Override public String evidence() { return history; }

    @Override public String toString() { return "PortCandidate[" + port + "]"; }
}
