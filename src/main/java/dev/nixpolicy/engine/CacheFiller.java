package dev.nixpolicy.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process a run starts after building edited rules with the classic engine: it compiles
 * them with the executable model into the user's cache of compiled rules, so that later runs
 * load them in a fraction of the time. Its output goes nowhere; a failure only means the next
 * run builds the rules again. Arguments: the rules folder, its display name, the marker file
 * to remove when done.
 */
public final class CacheFiller {
    private CacheFiller() {}

    public static void main(String[] args) throws Exception {
        try {
            new DrlFolder(Path.of(args[0]), args[1], CompiledRulesCache.standard()).compileIntoCache();
        } finally {
            Files.deleteIfExists(Path.of(args[2]));
        }
    }
}
