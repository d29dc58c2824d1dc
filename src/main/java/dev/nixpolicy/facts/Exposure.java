package dev.nixpolicy.facts;

import java.util.Optional;

public record Exposure(Boolean webUi, Boolean api, Boolean publicAccess, Optional<String> publicReason) {}
