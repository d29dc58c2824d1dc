package dev.nixpolicy.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

public record Integrations(
        Optional<PostgresqlNeeds> postgresql,
        Optional<MqttNeeds> mqtt,
        Optional<GrafanaNeeds> grafana,
        Optional<String> homepageWidget,
        List<String> secrets) {

    public Integrations {
        // not List.copyOf: a null item must reach the loader, which points at it as an empty name
        secrets = secrets == null ? null : Collections.unmodifiableList(new ArrayList<>(secrets));
    }
}
