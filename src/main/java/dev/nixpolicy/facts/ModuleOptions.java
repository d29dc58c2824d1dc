package dev.nixpolicy.facts;

import java.util.Optional;

/**
 * Which options of the native module take the values a wrapper decides (facts-v1
 * {@code packaging.moduleOptions}): option paths under {@code services.<module>}, an empty
 * Optional where the module has no such option, {@code null} where that is unknown.
 */
public record ModuleOptions(
        Optional<String> port,
        Optional<String> user,
        Optional<String> group,
        Optional<String> dataDir) {}
