package dev.nixpolicy.engine;

/** An object a rule inserted, with the provenance the engine reported for it. */
public record Traced<T>(T value, Provenance provenance) {}
