package dev.nixpolicy.facts;

import org.kie.api.definition.type.ClassReactive;

/** A port the host already gives to a service. */
@ClassReactive
public final class HostPort implements Evidence {
    private final int port;
    private final String owner;

    public HostPort(int port, String owner) {
        this.port = port;
        this.owner = owner;
    }

    public int getPort() { return port; }

    public String getOwner() { return owner; }

    @Override public String evidence() { return "host port " + port + " held by " + owner; }

    @Override public String toString() { return "HostPort[" + port + "=" + owner + "]"; }
}
