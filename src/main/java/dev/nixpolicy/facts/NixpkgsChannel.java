package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

public record NixpkgsChannel(
        @JsonProperty(value = "package", required = true) String packageName,
        String version,
        Boolean module) {}
