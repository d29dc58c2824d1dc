package dev.nixpolicy.record;

/**
 * A finding of the record; {@code blocks} names the decision key it keeps undecided, or is null.
 * {@code facts} are the facts paths the rule matched (for pointing at the facts file; not part
 * of the record's JSON).
 */
public record RecordedFinding(String severity, String code, String message, String blocks, String rule, String source,
                              java.util.List<String> facts) {
    public RecordedFinding {
        facts = facts == null ? java.util.List.of() : java.util.List.copyOf(facts);
    }
}
