package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One service as described by a facts file (facts-v1). A {@code null} component means the
 * fact was left out, i.e. unknown; an {@code Optional.empty()} means it was given as
 * {@code null}, i.e. known to be absent.
 */
public record ServiceFacts(
        @JsonProperty(required = true) ApiVersion apiVersion,
        @JsonProperty(required = true) ServiceName service,
        String displayName,
        @JsonProperty(required = true) String description,
        String category,
        Upstream upstream,
        Packaging packaging,
        Auth auth,
        Users users,
        Workload workload,
        Exposure exposure,
        Integrations integrations,
        List<PolicyOverride> overrides) {

    public ServiceFacts {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }
}
