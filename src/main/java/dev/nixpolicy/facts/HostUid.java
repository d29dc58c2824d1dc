package dev.nixpolicy.facts;

import org.kie.api.definition.type.ClassReactive;

/** A UID the host already gives to a service user. */
@ClassReactive
public final class HostUid implements Evidence {
    private final int uid;
    private final String owner;

    public HostUid(int uid, String owner) {
        this.uid = uid;
        this.owner = owner;
    }

    public int getUid() { return uid; }

    public String getOwner() { return owner; }

    @Override public String evidence() { return "host UID " + uid + " held by " + owner; }

    @Override public String toString() { return "HostUid[" + uid + "=" + owner + "]"; }
}
