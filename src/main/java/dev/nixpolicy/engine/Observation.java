package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/**
 * A conclusion the derive stage draws from several facts (e.g. "stable meets the minimum
 * version"), so that decision rules can match it by code and quote it by text.
 */
@ClassReactive
public final class Observation implements Evidence {
    private final String code;
    private final String text;

    public Observation(String code, String text) {
        this.code = Objects.requireNonNull(code);
        this.text = Objects.requireNonNull(text);
    }

    public String getCode() { return code; }

    public String getText() { return text; }

    @Override public String evidence() { return text; }

    @Override public String toString() { return "Observation[" + code + "]"; }
}
