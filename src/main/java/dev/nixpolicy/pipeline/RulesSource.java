package dev.nixpolicy.pipeline;

import java.nio.file.Path;

/** A rules folder and how messages name it: the shipped {@code rules}, or a chosen folder as the user would find it. */
public record RulesSource(Path folder, String displayName) {
    /** The chosen folder ({@code --rules} or {@code .nixpolicy.yaml}), else the shipped one. */
    public static RulesSource of(Path chosen, Path shipped) {
        return chosen == null ? new RulesSource(shipped, "rules") : new RulesSource(chosen, FactsFiles.display(chosen));
    }

    // Written out because a record's generated equals bootstraps method handles on its first
    // call: 8-14 ms of a cold run's main thread (async-profiler, 2026-12-04), and every run
    // compares the preloaded source with the command's once.
    @Override
    public boolean equals(Object other) {
        return other instanceof RulesSource that && folder.equals(that.folder) && displayName.equals(that.displayName);
    }

    @Override
    public int hashCode() {
        return 31 * folder.hashCode() + displayName.hashCode();
    }
}
