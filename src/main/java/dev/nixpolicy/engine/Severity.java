package dev.nixpolicy.engine;

import java.util.Locale;

public enum Severity {
    ERROR, WARNING, INFO;

    public String spelling() { return name().toLowerCase(Locale.ROOT); }
}
