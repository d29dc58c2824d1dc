package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Audience implements YamlSpelling {
    @JsonProperty("media") MEDIA("media"),
    @JsonProperty("home") HOME("home"),
    @JsonProperty("admin") ADMIN("admin");

    private final String yaml;

    Audience(String yaml) { this.yaml = yaml; }

    @Override public String yaml() { return yaml; }
}
