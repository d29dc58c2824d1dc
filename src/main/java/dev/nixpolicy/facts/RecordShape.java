package dev.nixpolicy.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A facts record type as the facts reader and the working-memory walk see it: its components
 * with their YAML keys ({@code @JsonProperty} renames one and marks it required) and its
 * canonical constructor. Worked out once per type: {@code getRecordComponents} builds new
 * reflection objects, and parses their annotations again, on every call, which in a batch
 * of a thousand services cost more than the YAML parsing.
 */
final class RecordShape {
    /** One component: its key in the facts file, its Java name and types, and how to read it. */
    record Component(String key, String name, Class<?> type, Type genericType, boolean required, Method accessor) {
        Object readFrom(Object owner) {
            try {
                return accessor.invoke(owner);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + owner.getClass().getSimpleName(), e);
            }
        }
    }

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final List<Component> components;
    private final Map<String, Integer> slots;
    private final Constructor<?> canonical;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] reflected = type.getRecordComponents();
        List<Component> list = new ArrayList<>();
        Map<String, Integer> bySlot = new LinkedHashMap<>();
        Class<?>[] parameterTypes = new Class<?>[reflected.length];
        for (int i = 0; i < reflected.length; i++) {
            RecordComponent component = reflected[i];
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String key = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            list.add(new Component(key, component.getName(), component.getType(), component.getGenericType(),
                    property != null && property.required(), component.getAccessor()));
            bySlot.put(key, i);
            parameterTypes[i] = component.getType();
        }
        this.components = List.copyOf(list);
        this.slots = Collections.unmodifiableMap(bySlot);
        try {
            this.canonical = type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor", e);
        }
    }

    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    List<Component> components() {
        return components;
    }

    /** The component's position by its key in the facts file, in declaration order. */
    Map<String, Integer> slots() {
        return slots;
    }

    /** A record of one string (a validated name or version) is read from a scalar. */
    boolean isValueType() {
        return components.size() == 1 && components.get(0).type() == String.class;
    }

    /** A new record from its component values; what its constructor refuses comes as the cause. */
    Object construct(Object[] values) throws InvocationTargetException {
        try {
            return canonical.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
