package dev.nixpolicy.record;

public record RecordedQuestion(String about, String question, String rule) {}
