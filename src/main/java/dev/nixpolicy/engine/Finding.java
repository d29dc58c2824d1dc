package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** Something that must not be generated as it stands (an anti-pattern, a gap, an error). */
@ClassReactive
public final class Finding implements Evidence {
    private final Severity severity;
    private final String code;
    private final String message;
    private final String blocks;

    public Finding(Severity severity, String code, String message) {
        this(severity, code, message, null);
    }

    private Finding(Severity severity, String code, String message, String blocks) {
        this.severity = Objects.requireNonNull(severity);
        this.code = Objects.requireNonNull(code);
        this.message = Objects.requireNonNull(message);
        this.blocks = blocks;
    }

    /** The same finding, naming the decision key it keeps from being decided. */
    public Finding blocking(String key) {
        return new Finding(severity, code, message, Objects.requireNonNull(key));
    }

    /** The code of the finding that a key a service needs was left undecided by every rule. */
    public static final String POLICY_GAP = "policy-gap";

    public static Finding error(String code, String message) { return new Finding(Severity.ERROR, code, message); }

    /** A required key that no rule decided: an error that names the key it concerns. */
    public static Finding gap(String key, String message) {
        return new Finding(Severity.ERROR, POLICY_GAP, message, Objects.requireNonNull(key));
    }

    public static Finding warning(String code, String message) { return new Finding(Severity.WARNING, code, message); }

    public static Finding info(String code, String message) { return new Finding(Severity.INFO, code, message); }

    public Severity getSeverity() { return severity; }

    public String getCode() { return code; }

    public String getMessage() { return message; }

    /** The decision key this finding keeps from being decided, or null. */
    public String getBlocks() { return blocks; }

    @Override public String evidence() { return "finding " + code; }

    @Override public String toString() { return "Finding[" + severity + " " + code + "]"; }
}
