package dev.nixpolicy.record;

import java.util.List;

/**
 * One decision of the record. For an override, {@code rule} is "override", {@code reason}
 * holds its justification and {@code policyValue}/{@code policyRule} what the rules would
 * have decided (null when they decided nothing).
 */
public record RecordedDecision(
        String key,
        Object value,
        String rule,
        String matrix,
        String row,
        List<String> because,
        String source,
        String reason,
        Object policyValue,
        String policyRule) {

    public RecordedDecision {
        because = List.copyOf(because);
    }

    public boolean isOverride() { return reason != null; }

    public RecordedDecision supersededPolicy(Object value, String rule) {
        return new RecordedDecision(key, this.value, this.rule, matrix, row, because, source, reason, value, rule);
    }
}
