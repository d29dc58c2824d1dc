package dev.nixpolicy.record;

/** A finding of the record; {@code blocks} names the decision key it keeps undecided, or is null. */
public record RecordedFinding(String severity, String code, String message, String blocks, String rule, String source) {}
