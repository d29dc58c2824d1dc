package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A folder of rules, loaded the fast way when the build precompiled exactly these rules (same
 * content digest) and compiled at run time otherwise, so an edit takes effect without a
 * rebuild. Compiling is announced once through {@code notice}.
 */
public final class RuleFolder implements RuleSource {
    private final Path dir;
    private final String displayName;
    private final Consumer<String> notice;

    public RuleFolder(Path dir, String displayName, Consumer<String> notice) {
        this.dir = dir;
        this.displayName = displayName;
        this.notice = notice;
    }

    @Override
    public CompiledPolicy load() throws BadRulesException {
        DrlFolder.drlFilesOf(dir);
        String fingerprint;
        try {
            fingerprint = RuleDigest.fingerprint(dir);
        } catch (IOException e) {
            throw new BadRulesException(dir + ": cannot read rules: " + e.getMessage());
        }
        Optional<PrecompiledRules> precompiled = PrecompiledRules.withFingerprint(fingerprint, displayName);
        if (precompiled.isPresent()) {
            return precompiled.get().load();
        }
        notice.accept("rules in " + dir + " differ from the build's; compiling edited rules (this takes a few seconds)");
        return new DrlFolder(dir, displayName).load();
    }
}
