package dev.nixpolicy.engine;

import java.util.Map;
import java.util.TreeMap;

/** Builds a decision's map of settings in DRL: {@code Settings.of("type", "pushover", "failureThreshold", 3)}. */
public final class Settings {
    private Settings() {}

    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Settings.of takes key, value pairs");
        }
        Map<String, Object> settings = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return settings;
    }
}
