package dev.nixpolicy.render;

import java.util.Locale;

/** Names derived from a secret's or service's name: the module option and the environment variable. */
final class SecretNames {
    private SecretNames() {}

    /** {@code api_key} becomes the option {@code apiKeyFile}. */
    static String option(String secret) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : secret.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.append("File").toString();
    }

    /** {@code paperless-ai} becomes {@code PAPERLESS_AI}. */
    static String environment(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
