package dev.nixpolicy.record;

public record RecordedFollowUp(String section, String text) {}
