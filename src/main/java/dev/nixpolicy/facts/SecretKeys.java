package dev.nixpolicy.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SOPS keys as decisions name them ({@code sonarr/api-key}): a service prefix and a secret
 * name the facts contract would accept, no two of which map to the same module option or
 * environment variable.
 */
final class SecretKeys {
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private SecretKeys() {}

    static Optional<String> problemWith(String key) {
        int slash = key.indexOf('/');
        if (slash < 0 || !PREFIX.matcher(key.substring(0, slash)).matches()) {
            return Optional.of("\"" + AttributePaths.shortened(key) + "\" must be <service>/<secret name>");
        }
        return SecretNames.problemWith(key.substring(slash + 1))
                .map(p -> "\"" + AttributePaths.shortened(key) + "\": the secret name " + p);
    }

    static Optional<String> problemWithAll(List<?> keys) {
        Map<String, String> byOption = new HashMap<>();
        Map<String, String> byEnvironment = new HashMap<>();
        for (Object item : keys) {
            String key = String.valueOf(item);
            Optional<String> problem = problemWith(key);
            if (problem.isPresent()) {
                return problem;
            }
            String name = key.substring(key.indexOf('/') + 1);
            String sameOption = byOption.putIfAbsent(SecretNames.option(name), key);
            if (sameOption != null) {
                return Optional.of("\"" + sameOption + "\" and \"" + key + "\" both become the module option " + SecretNames.option(name));
            }
            String sameEnvironment = byEnvironment.putIfAbsent(SecretNames.environment(name), key);
            if (sameEnvironment != null) {
                return Optional.of("\"" + sameEnvironment + "\" and \"" + key + "\" both become the environment variable "
                        + SecretNames.environment(name));
            }
        }
        return Optional.empty();
    }
}
