package dev.nixpolicy.facts;

public record Users(Boolean multiUser, Boolean perUserAuthorization, Audience audience) {}
