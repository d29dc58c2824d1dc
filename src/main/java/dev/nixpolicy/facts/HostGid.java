package dev.nixpolicy.facts;

import org.kie.api.definition.type.ClassReactive;

/** A GID a group of the host already holds (a service group of its own takes its UID as GID, so such a number is not free as a UID). */
@ClassReactive
public final class HostGid implements Evidence {
    private final int gid;
    private final String owner;

    public HostGid(int gid, String owner) {
        this.gid = gid;
        this.owner = owner;
    }

    public int getGid() { return gid; }

    public String getOwner() { return owner; }

    @Override public String evidence() { return "host GID " + gid + " held by group " + owner; }

    @Override public String toString() { return "HostGid[" + gid + "=" + owner + "]"; }
}
