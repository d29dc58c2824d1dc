package dev.nixpolicy.facts;

import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** A fact of the contract that the facts file left out: unknown, which is not false. */
@ClassReactive
public final class Unknown implements Evidence {
    private final String path;

    public Unknown(String path) { this.path = Objects.requireNonNull(path); }

    public String getPath() { return path; }

    @Override public String evidence() { return path + " unknown"; }

    @Override public String toString() { return "Unknown[" + path + "]"; }
}
