package dev.nixpolicy.facts;

import java.util.Optional;

public record Auth(
        Boolean nativeOidc,
        Boolean trustedHeader,
        Optional<String> trustedHeaderName,
        Boolean canDisableAuth,
        Boolean apiKey,
        Boolean builtInAuth) {}
