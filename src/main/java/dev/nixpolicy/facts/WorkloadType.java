package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum WorkloadType implements YamlSpelling {
    @JsonProperty("web-app") WEB_APP("web-app"),
    @JsonProperty("media-app") MEDIA_APP("media-app"),
    @JsonProperty("media-server") MEDIA_SERVER("media-server"),
    @JsonProperty("database") DATABASE("database"),
    @JsonProperty("api") API("api"),
    @JsonProperty("internal-api") INTERNAL_API("internal-api"),
    @JsonProperty("infrastructure") INFRASTRUCTURE("infrastructure"),
    @JsonProperty("monitoring") MONITORING("monitoring");

    private final String yaml;

    WorkloadType(String yaml) { this.yaml = yaml; }

    @Override public String yaml() { return yaml; }
}
