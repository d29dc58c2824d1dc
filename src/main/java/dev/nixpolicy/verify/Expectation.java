package dev.nixpolicy.verify;

import dev.nixpolicy.facts.YamlLocations;

/**
 * One key of an expected file: the value the owners chose, where it is written, and whether
 * it is marked {@code deviates-from-policy}. A marked key records a choice that breaks the
 * written policy, so the tool is right to decide otherwise and the key is not scored.
 */
public record Expectation(String key, Object value, boolean marked, YamlLocations.Location at) {}
