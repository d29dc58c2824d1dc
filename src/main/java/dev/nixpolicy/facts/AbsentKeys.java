package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.Set;

/**
 * Restores "left out" on facts that the mapper read as {@code Optional.empty()}: the mapper
 * cannot tell a key that is absent from a key given as {@code null}, the YAML document can.
 * An {@code Optional} component whose key is not in the document becomes {@code null}
 * (unknown); one given as {@code null} stays empty (known to be absent).
 */
final class AbsentKeys {
    private AbsentKeys() {}

    @SuppressWarnings("unchecked")
    static <T> T restore(T value, String path, Set<String> givenKeys) {
        if (value == null || !value.getClass().isRecord()) {
            return value;
        }
        RecordComponent[] components = value.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            String child = path.isEmpty() ? name : path + "." + name;
            Object current = read(component, value);
            Object restored = current;
            if (current instanceof Optional<?> optional) {
                if (!givenKeys.contains(child)) {
                    restored = null;
                } else if (optional.isPresent()) {
                    restored = Optional.of(restore(optional.get(), child, givenKeys));
                }
            } else if (current != null && current.getClass().isRecord()) {
                restored = restore(current, child, givenKeys);
            }
            changed |= restored != current;
            args[i] = restored;
        }
        if (!changed) {
            return value;
        }
        try {
            Constructor<?> canonical = value.getClass().getDeclaredConstructor(types);
            return (T) canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + value.getClass().getSimpleName(), e);
        }
    }

    private static Object read(RecordComponent component, Object owner) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
