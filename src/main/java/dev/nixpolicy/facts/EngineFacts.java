package dev.nixpolicy.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects one service and its host put into working memory: every known leaf as a
 * {@link Fact} (by its facts-file path), every left-out leaf as an {@link Unknown}, and the
 * list-shaped facts as their own types (images, overrides, host allocations).
 */
public final class EngineFacts {
    /**
     * Every answer a left-out fact of the contract could have, for the facts whose answers can
     * be listed (yes/no and enumerated values): what exploring an open question tries.
     */
    private static final Map<String, List<Object>> ANSWERS = answersOf(ServiceFacts.class);

    private EngineFacts() {}

    /** The possible answers to the unknown fact at {@code path}, or an empty list when they cannot be listed. */
    public static List<Object> possibleAnswers(String path) {
        return ANSWERS.getOrDefault(path, List.of());
    }

    private static Map<String, List<Object>> answersOf(Class<?> type) {
        Map<String, List<Object>> out = new java.util.HashMap<>();
        collectAnswers("", type, out);
        return Map.copyOf(out);
    }

    private static void collectAnswers(String path, Class<?> type, Map<String, List<Object>> out) {
        for (RecordShape.Component component : RecordShape.of(type).components()) {
            String child = path.isEmpty() ? component.key() : path + "." + component.key();
            Class<?> componentType = component.type();
            if (componentType == Boolean.class) {
                out.put(child, List.of(true, false));
            } else if (componentType.isEnum() && YamlSpelling.class.isAssignableFrom(componentType)) {
                List<Object> spellings = new ArrayList<>();
                for (Object constant : componentType.getEnumConstants()) {
                    spellings.add(((YamlSpelling) constant).yaml());
                }
                out.put(child, List.copyOf(spellings));
            } else if (componentType.isRecord() && componentType != ServiceName.class && componentType != ApiVersion.class) {
                collectAnswers(child, componentType, out);
            }
        }
    }

    public static List<Object> of(ServiceFacts service, HostFacts host) {
        List<Object> out = new ArrayList<>();
        walk("", service, ServiceFacts.class, out);
        if (service.packaging() != null && service.packaging().containerImages() != null) {
            List<String> images = service.packaging().containerImages();
            for (int i = 0; i < images.size(); i++) {
                out.add(ImageCandidate.parse(images.get(i), i));
            }
        }
        for (PolicyOverride o : service.overrides()) {
            out.add(new OverrideFact(o.decision(), OverrideValues.toJava(o.value()), o.reason()));
        }
        out.add(new Fact("host.name", host.host().value()));
        out.add(new Fact("host.domain", host.domain()));
        if (host.uidRange() == null) {
            out.add(new Unknown("host.uidRange"));
        } else {
            out.add(new Fact("host.uidRange.min", host.uidRange().min()));
            out.add(new Fact("host.uidRange.max", host.uidRange().max()));
        }
        addHostText(out, "host.backupRepository", host.backupRepository());
        addHostText(out, "host.podmanNetwork", host.podmanNetwork());
        addHostText(out, "host.tunnel", host.tunnel());
        if (host.nfsMounts() == null) {
            out.add(new Unknown("host.nfsMounts"));
        } else {
            host.nfsMounts().forEach(mount -> out.add(new HostNfsMount(mount)));
        }
        host.uids().forEach((uid, owner) -> out.add(new HostUid(uid, owner)));
        host.gids().forEach((gid, owner) -> out.add(new HostGid(gid, owner)));
        host.ports().forEach((port, owner) -> out.add(new HostPort(port, owner)));
        host.busyPortRanges().forEach(r -> out.add(new BusyPortRange(r.get(0), r.get(1))));
        return out;
    }

    private static void addHostText(List<Object> out, String path, String value) {
        out.add(value == null ? new Unknown(path) : new Fact(path, value));
    }

    private static void walk(String path, Object value, Class<?> type, List<Object> out) {
        for (RecordShape.Component component : RecordShape.of(type).components()) {
            String child = path.isEmpty() ? component.key() : path + "." + component.key();
            if (component.type() == List.class && component.name().equals("overrides")) {
                continue;
            }
            Object componentValue = value == null ? null : component.readFrom(value);
            Class<?> componentType = component.type();
            if (componentType == Optional.class) {
                Class<?> inner = (Class<?>) ((java.lang.reflect.ParameterizedType) component.genericType())
                        .getActualTypeArguments()[0];
                if (componentValue == null) {
                    unknown(child, inner, out);
                } else if (((Optional<?>) componentValue).isEmpty()) {
                    out.add(new Fact(child, null));
                } else {
                    leafOrRecord(child, ((Optional<?>) componentValue).get(), inner, out);
                }
            } else if (componentValue == null) {
                unknown(child, componentType, out);
            } else {
                leafOrRecord(child, componentValue, componentType, out);
            }
        }
    }

    private static void unknown(String path, Class<?> type, List<Object> out) {
        out.add(new Unknown(path));
        if (type.isRecord()) {
            walk(path, null, type, out);
        }
    }

    private static void leafOrRecord(String path, Object value, Class<?> type, List<Object> out) {
        if (type.isRecord() && !(value instanceof ServiceName) && !(value instanceof ApiVersion)) {
            out.add(new Fact(path, "given"));
            walk(path, value, type, out);
        } else {
            out.add(new Fact(path, plain(value)));
        }
    }

    private static Object plain(Object value) {
        if (value instanceof YamlSpelling spelled) {
            return spelled.yaml();
        }
        if (value instanceof ServiceName name) {
            return name.value();
        }
        if (value instanceof ApiVersion version) {
            return version.value();
        }
        if (value instanceof JsonNode node) {
            return OverrideValues.toJava(node);
        }
        if (value instanceof Map<?, ?> map) {
            return Map.copyOf(map);
        }
        return value;
    }
}
