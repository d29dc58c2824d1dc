package dev.nixpolicy.verify;

/**
 * How one expected key fared against the record: the decided value and the rule behind it
 * (both null when the key is undecided), and whether it counts in the score at all.
 */
public record KeyVerdict(Expectation expectation, Outcome outcome, Object decided, String rule, String blockedBy) {
    public enum Outcome { AGREES, DIFFERS, UNDECIDED }

    public String key() { return expectation.key(); }

    public boolean scored() { return !expectation.marked(); }

    /** {@code key: expected X, got Y (rule "R")}, or {@code key: expected X, undecided}. */
    public String line() {
        String expected = key() + ": expected " + DecisionValues.show(expectation.value());
        if (outcome == Outcome.UNDECIDED) {
            return expected + ", undecided" + (blockedBy == null ? "" : " (blocked by finding " + blockedBy + ")");
        }
        return expected + ", got " + DecisionValues.show(decided) + " (rule \"" + rule + "\")";
    }
}
