package dev.nixpolicy.record;

public record RecordedFinding(String severity, String code, String message, String rule, String source) {}
