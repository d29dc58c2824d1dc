package dev.nixpolicy.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every dotted path a rule can find as a {@link Fact} or {@link Unknown}: the keys of the service
 * facts contract, and the host facts {@link EngineFacts} hands the engine by path.
 */
public final class FactPaths {
    /** The host facts the engine sees by path; the rest of the host are objects of their own (HostPort, HostUid …). */
    static final List<String> HOST = List.of("host.name", "host.domain", "host.uidRange", "host.uidRange.min", "host.uidRange.max",
            "host.backupRepository", "host.podmanNetwork", "host.tunnel", "host.nfsMounts");

    private static final Set<String> KNOWN = collect();

    private FactPaths() {}

    public static Set<String> known() {
        return KNOWN;
    }

    private static Set<String> collect() {
        Set<String> paths = new TreeSet<>(HOST);
        walk("", FactsSchema.service(), paths);
        return Collections.unmodifiableSet(paths);
    }

    private static void walk(String prefix, JsonNode schema, Set<String> out) {
        if (schema.has("anyOf")) {
            schema.get("anyOf").forEach(option -> walk(prefix, option, out));
        }
        if (schema.has("properties")) {
            schema.get("properties").fields().forEachRemaining(field -> {
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                out.add(path);
                walk(path, field.getValue(), out);
            });
        }
    }
}
