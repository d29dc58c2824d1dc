package dev.nixpolicy.pipeline;

import dev.nixpolicy.engine.BadRulesException;
import dev.nixpolicy.engine.CompiledPolicy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Step 2 of the {@link Pipeline} on a second core: on a cold JVM loading the rules and reading
 * the facts each cost a few hundred milliseconds, so they overlap. A load can even start before
 * the command line is parsed ({@link #preload}); only a load of exactly the rules the command
 * then asks for is used, once.
 */
public final class RulesLoading {
    private static volatile RulesLoading preloaded;

    private final RulesSource source;
    private final FutureTask<CompiledPolicy> task;

    private RulesLoading(RulesSource source, Consumer<String> notice) {
        this.source = source;
        this.task = new FutureTask<>(() -> Pipeline.loadRules(source.folder(), source.displayName(), notice));
        Thread loader = new Thread(task, "nixpolicy-rules");
        loader.setDaemon(true);
        loader.start();
    }

    /** Starts loading {@code source} for a command that has not been parsed yet. */
    public static void preload(RulesSource source, Consumer<String> notice) {
        preloaded = new RulesLoading(source, notice);
    }

    /** Starts loading {@code source}, or takes over the preloaded load of the same source. */
    public static RulesLoading start(RulesSource source, Consumer<String> notice) {
        RulesLoading early = preloaded;
        if (early != null && early.source.equals(source)) {
            preloaded = null;
            return early;
        }
        return new RulesLoading(source, notice);
    }

    /** The compiled rules, once loaded; rules that cannot be used throw as loading them would. */
    public CompiledPolicy await() throws BadRulesException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRulesException("interrupted while loading the rules");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadRulesException bad) {
                throw bad;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
