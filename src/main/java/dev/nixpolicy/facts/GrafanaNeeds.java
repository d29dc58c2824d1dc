package dev.nixpolicy.facts;

public record GrafanaNeeds(Boolean dashboards) {}
