package dev.nixpolicy.facts;

import org.kie.api.definition.type.ClassReactive;

/** An NFS mount the host declares in modules.storage.nfsMounts. */
@ClassReactive
public final class HostNfsMount implements Evidence {
    private final String name;

    public HostNfsMount(String name) {
        this.name = name;
    }

    public String getName() { return name; }

    @Override public String evidence() { return "host NFS mount " + name; }

    @Override public String toString() { return "HostNfsMount[" + name + "]"; }
}
