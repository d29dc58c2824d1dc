package dev.nixpolicy.facts;

import java.util.List;
import java.util.Optional;

public record Integrations(
        Optional<PostgresqlNeeds> postgresql,
        Optional<MqttNeeds> mqtt,
        Optional<GrafanaNeeds> grafana,
        Optional<String> homepageWidget,
        List<String> secrets) {

    public Integrations {
        secrets = secrets == null ? null : List.copyOf(secrets);
    }
}
