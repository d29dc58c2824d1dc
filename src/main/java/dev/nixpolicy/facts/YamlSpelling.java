package dev.nixpolicy.facts;

/** An enumerated fact value as it is spelled in the facts files and compared in DRL. */
public interface YamlSpelling {
    String yaml();
}
