package dev.nixpolicy.facts;

import java.util.List;

public record PostgresqlNeeds(List<String> extensions) {
    public PostgresqlNeeds {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }
}
