package dev.nixpolicy.facts;

import java.util.Optional;

public record Workload(
        WorkloadType type,
        StorageKind storage,
        Boolean stateful,
        AppState appState,
        Boolean lockedFiles,
        Boolean staticContent,
        Optional<String> nasMount,
        Boolean critical,
        Boolean gpu) {}
