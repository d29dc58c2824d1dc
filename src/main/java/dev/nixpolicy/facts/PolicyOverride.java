package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** An explicit, justified deviation from policy, as written in the facts file. */
public record PolicyOverride(
        @JsonProperty(required = true) String decision,
        @JsonProperty(required = true) JsonNode value,
        @JsonProperty(required = true) String reason) {}
