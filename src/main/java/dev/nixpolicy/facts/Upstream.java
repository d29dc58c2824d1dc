package dev.nixpolicy.facts;

import java.util.Optional;

public record Upstream(
        Integer port,
        Optional<Integer> metricsPort,
        String metricsPath,
        String dataDir,
        String healthPath) {}
