package dev.nixpolicy.verify;

/**
 * How one expected key fared against the record: the decided value and the rule behind it
 * (both null when the key is undecided), and whether it counts in the score at all. A
 * differing value whose rule matched a decision the owners marked as a deviation from policy
 * names that key in {@code inheritedFrom}: following the policy there makes it differ too.
 */
public record KeyVerdict(Expectation expectation, Outcome outcome, Object decided, String rule, String blockedBy,
                         String inheritedFrom) {
    public enum Outcome { AGREES, DIFFERS, UNDECIDED }

    public String key() { return expectation.key(); }

    public boolean scored() { return !expectation.marked(); }

    /** {@code key: expected X, got Y (rule "R")}, or {@code key: expected X, undecided}. */
    public String line() {
        String expected = key() + ": expected " + DecisionValues.show(expectation.value());
        if (outcome == Outcome.UNDECIDED) {
            return expected + ", undecided" + (blockedBy == null ? "" : " (blocked by finding " + blockedBy + ")");
        }
        return expected + ", got " + DecisionValues.show(decided) + " (rule \"" + rule + "\")"
                + (inheritedFrom == null ? "" : "; follows the owners' deviation on " + inheritedFrom);
    }
}
