package dev.nixpolicy.facts;

import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** An override from the facts file, as the rules see it. */
@ClassReactive
public final class OverrideFact implements Evidence {
    private final String decision;
    private final Object value;
    private final String reason;

    public OverrideFact(String decision, Object value, String reason) {
        this.decision = Objects.requireNonNull(decision);
        this.value = Objects.requireNonNull(value);
        this.reason = Objects.requireNonNull(reason);
    }

    public String getDecision() { return decision; }

    public Object getValue() { return value; }

    public String getReason() { return reason; }

    @Override public String evidence() { return "override " + decision + " = " + value + " (" + reason + ")"; }

    @Override public String toString() { return "OverrideFact[" + decision + "=" + value + "]"; }
}
