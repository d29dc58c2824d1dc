package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.Objects;

/** Something that must not be generated as it stands (an anti-pattern, a gap, an error). */
public final class Finding implements Evidence {
    private final Severity severity;
    private final String code;
    private final String message;

    public Finding(Severity severity, String code, String message) {
        this.severity = Objects.requireNonNull(severity);
        this.code = Objects.requireNonNull(code);
        this.message = Objects.requireNonNull(message);
    }

    public static Finding error(String code, String message) { return new Finding(Severity.ERROR, code, message); }

    public static Finding warning(String code, String message) { return new Finding(Severity.WARNING, code, message); }

    public static Finding info(String code, String message) { return new Finding(Severity.INFO, code, message); }

    public Severity getSeverity() { return severity; }

    public String getCode() { return code; }

    public String getMessage() { return message; }

    @Override public String evidence() { return "finding " + code; }

    @Override public String toString() { return "Finding[" + severity + " " + code + "]"; }
}
