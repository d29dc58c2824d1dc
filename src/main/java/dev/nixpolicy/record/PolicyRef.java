package dev.nixpolicy.record;

/** Which rules made a record: their content digest and the folder (or build) they came from. */
public record PolicyRef(String digest, String rulesDir) {}
