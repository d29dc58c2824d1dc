package dev.nixpolicy.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A folder of rules, loaded the fast way when the build precompiled exactly these rules (same
 * content digest) and compiled at run time otherwise, so an edit takes effect without a
 * rebuild. Compiling is announced once through {@code notice}. A process that loads the same
 * rules again (the test suite, a long-lived caller) reuses the KieBase it built: building one
 * costs more than a whole decision, and a KieBase is shared safely by the sessions it creates.
 */
public final class RuleFolder {
    private static final int LOADED_KEPT = 4;
    private static final Map<String, CompiledPolicy> LOADED = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
            return size() > LOADED_KEPT;
        }
    };

    private final Path dir;
    private final String displayName;
    private final Consumer<String> notice;

    public RuleFolder(Path dir, String displayName, Consumer<String> notice) {
        this.dir = dir;
        this.displayName = displayName;
        this.notice = notice;
    }

    public CompiledPolicy load() throws BadRulesException {
        DrlFolder.drlFilesOf(dir);
        String fingerprint;
        try {
            fingerprint = RuleDigest.fingerprint(dir);
        } catch (IOException e) {
            throw new BadRulesException(dir + ": cannot read rules: " + e.getMessage());
        }
        String key = fingerprint + "\n" + displayName + "\n" + dir.toAbsolutePath().normalize();
        synchronized (LOADED) {
            CompiledPolicy loaded = LOADED.get(key);
            if (loaded != null) {
                return loaded;
            }
        }
        CompiledPolicy policy = build(fingerprint);
        synchronized (LOADED) {
            LOADED.put(key, policy);
        }
        return policy;
    }

    private CompiledPolicy build(String fingerprint) throws BadRulesException {
        Optional<PrecompiledRules> precompiled = PrecompiledRules.withFingerprint(fingerprint, displayName);
        if (precompiled.isPresent()) {
            return precompiled.get().load();
        }
        Optional<CompiledRulesCache> cache = CompiledRulesCache.standard();
        String later = cache.isPresent() ? "meanwhile they are compiled into the cache, from which later runs take them"
                : "the cache of compiled rules is off";
        return new DrlFolder(dir, displayName, cache).load(() -> notice.accept("rules in " + dir
                + " differ from the build's; building edited rules (a few seconds; " + later + ")"));
    }
}
