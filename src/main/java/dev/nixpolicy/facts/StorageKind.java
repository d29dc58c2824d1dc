package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum StorageKind implements YamlSpelling {
    @JsonProperty("media") MEDIA("media"),
    @JsonProperty("database") DATABASE("database"),
    @JsonProperty("large-sequential") LARGE_SEQUENTIAL("large-sequential"),
    @JsonProperty("general") GENERAL("general"),
    @JsonProperty("none") NONE("none");

    private final String yaml;

    StorageKind(String yaml) { this.yaml = yaml; }

    @Override public String yaml() { return yaml; }
}
