package dev.nixpolicy.pipeline;

import java.nio.file.Path;

/** A rules folder and how messages name it: the shipped {@code rules}, or a chosen folder as the user would find it. */
public record RulesSource(Path folder, String displayName) {
    /** The chosen folder ({@code --rules} or {@code .nixpolicy.yaml}), else the shipped one. */
    public static RulesSource of(Path chosen, Path shipped) {
        return chosen == null ? new RulesSource(shipped, "rules") : new RulesSource(chosen, FactsFiles.display(chosen));
    }
}
