package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.List;
import org.kie.api.definition.type.ClassReactive;

/**
 * A tier of 001's authentication priority that the facts leave open: its number (1 native
 * OIDC … 5 built-in auth), why, and the facts whose answers would settle it. A later tier
 * may only be chosen when no earlier one is open; the questions ask for the first open one.
 */
@ClassReactive
public final class UndeterminedAuthTier implements Evidence {
    private final int tier;
    private final String reason;
    private final List<String> settledBy;

    public UndeterminedAuthTier(int tier, String reason, String... settledBy) {
        this.tier = tier;
        this.reason = reason;
        this.settledBy = List.of(settledBy);
    }

    public int getTier() { return tier; }

    public List<String> getSettledBy() { return settledBy; }

    @Override public String evidence() { return reason; }

    @Override public String toString() { return "UndeterminedAuthTier[" + tier + "]"; }
}
