package dev.nixpolicy.engine;

/**
 * Where a run's rules come from. The shipped rules may be precompiled; a folder of DRL
 * files is compiled when loaded.
 */
public interface RuleSource {
    CompiledPolicy load() throws BadRulesException;
}
