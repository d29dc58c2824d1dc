package dev.nixpolicy.facts;

import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** A fact of the contract that the facts file left out: unknown, which is not false. */
@ClassReactive
public final class Unknown implements Evidence {
    private final String path;

    public Unknown(String path) { this.path = Objects.requireNonNull(path); }

    public String getPath() { return path; }

    /** The last step of the path ({@code mqtt} of {@code integrations.mqtt}). */
    public String getName() { return path.substring(path.lastIndexOf('.') + 1); }

    /** The path without its last step ({@code packaging.nixpkgs.stable} of {@code packaging.nixpkgs.stable.version}). */
    public String getParent() { return path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : ""; }

    @Override public String evidence() { return path + " unknown"; }

    @Override public String toString() { return "Unknown[" + path + "]"; }
}
