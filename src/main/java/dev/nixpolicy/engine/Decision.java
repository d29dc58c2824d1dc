package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import dev.nixpolicy.facts.ListItems;
import dev.nixpolicy.facts.OverrideFact;
import java.util.List;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/**
 * A decision a rule inserts: a key of decision-record-v1 and its value. The rule that made
 * it and the facts behind it are taken from the engine when it is inserted, not from here.
 */
@ClassReactive
public final class Decision implements Evidence {
    private final String key;
    private final Object value;
    private final String overrideReason;

    public Decision(String key, Object value) {
        this(key, value, null);
    }

    private Decision(String key, Object value, String overrideReason) {
        this.key = Objects.requireNonNull(key, "decision key");
        if (value == null) {
            throw new NullPointerException("decision value of " + key);
        } else if (value instanceof List<?> list) {
            this.value = List.copyOf(list);
        } else if (value instanceof java.util.Map<?, ?> map) {
            // Sorted, so that a record prints identically whatever map a rule built.
            this.value = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(map));
        } else {
            this.value = value;
        }
        this.overrideReason = overrideReason;
    }

    /** The decision an override in the facts file imposes. */
    public static Decision override(OverrideFact override) {
        return new Decision(override.getDecision(), override.getValue(), override.getReason());
    }

    public String getKey() { return key; }

    public Object getValue() { return value; }

    /** The value as text, so DRL can compare values of any type with a string. */
    public String getText() { return String.valueOf(value); }

    /** The value as a number, or -1 when it is not one. */
    public int getNumber() { return value instanceof Number n ? n.intValue() : -1; }

    /** A list value's entries as text (empty when the value is no list): DRL iterates them with {@code from}. */
    public List<String> getItems() { return ListItems.of(value); }

    /** How many entries a list value has (0 when it is no list). */
    public int getCount() { return getItems().size(); }

    public boolean isOverride() { return overrideReason != null; }

    /** The override's reason, or null for a decision made by policy. */
    public String getOverrideReason() { return overrideReason; }

    @Override public String evidence() { return "decided " + key + " = " + value; }

    @Override public String toString() { return "Decision[" + key + "=" + value + (isOverride() ? " (override)" : "") + "]"; }
}
