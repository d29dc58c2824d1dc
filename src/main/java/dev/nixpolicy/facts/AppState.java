package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum AppState implements YamlSpelling {
    @JsonProperty("none") NONE("none"),
    @JsonProperty("files") FILES("files"),
    @JsonProperty("sqlite") SQLITE("sqlite"),
    @JsonProperty("database") DATABASE("database");

    private final String yaml;

    AppState(String yaml) { this.yaml = yaml; }

    @Override public String yaml() { return yaml; }
}
