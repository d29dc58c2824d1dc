package dev.nixpolicy.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Maps a composed YAML document onto the facts records, strictly: an unknown key, a value of
 * the wrong kind, a missing required key or a value a type refuses is one
 * {@link BadInputException} located at the key or value. Record components name the keys
 * ({@code @JsonProperty} renames one and marks it required); {@code Optional} components tell
 * a key given as null (empty) from a key left out (null). Plain scalars follow the YAML 1.2
 * core schema, as {@link YamlTree} does.
 * <p>A hand-written mapper rather than Jackson databind: this is on the cold-start path of every
 * run, and databind's start-up cost about a tenth of a second there.
 */
final class RecordMapper {
    private static final Pattern INTEGER = YamlTree.INTEGER;
    private static final Pattern FLOAT = YamlTree.FLOAT;

    private final Path file;
    private final YamlLocations at;

    RecordMapper(Path file, YamlLocations at) {
        this.file = file;
        this.at = at;
    }

    <T> T read(Node root, Class<T> type) throws BadInputException {
        return type.cast(value(root, type, ""));
    }

    private Object value(Node node, Type type, String path) throws BadInputException {
        Class<?> raw = rawClass(type);
        if (isNull(node)) {
            return raw == Optional.class ? Optional.empty() : null;
        }
        if (raw == Optional.class) {
            return Optional.of(value(node, typeArgument(type, 0), path));
        }
        if (raw == JsonNode.class) {
            return YamlTree.of(node);
        }
        if (raw.isRecord() && !isValueType(raw)) {
            return record(node, raw, path);
        }
        if (raw == List.class) {
            if (!(node instanceof SequenceNode sequence)) {
                throw wrongKind(node, path, "a list");
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(value(sequence.getValue().get(i), typeArgument(type, 0), path + "[" + i + "]"));
            }
            return items;
        }
        if (raw == Map.class) {
            return map(node, type, path);
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw wrongKind(node, path, expectation(raw));
        }
        return scalar(scalar, raw, path);
    }

    private Object record(Node node, Class<?> type, String path) throws BadInputException {
        if (!(node instanceof MappingNode mapping)) {
            throw wrongKind(node, path, "a mapping");
        }
        RecordShape shape = RecordShape.of(type);
        List<RecordShape.Component> components = shape.components();
        Object[] args = new Object[components.size()];
        boolean[] given = new boolean[components.size()];
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode(), path);
            String child = path.isEmpty() ? key : path + "." + key;
            Integer slot = shape.slots().get(key);
            if (slot == null) {
                throw new BadInputException(file, at(tuple.getKeyNode()), "unknown key " + Quote.key(key)
                        + (path.isEmpty() ? "" : " in " + path) + "; allowed keys: " + String.join(", ", new TreeSet<>(shape.slots().keySet())));
            }
            given[slot] = true;
            args[slot] = value(tuple.getValueNode(), components.get(slot).genericType(), child);
        }
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).required() && (!given[i] || args[i] == null)) {
                String child = path.isEmpty() ? components.get(i).key() : path + "." + components.get(i).key();
                throw new BadInputException(file, path.isEmpty() ? at(node) : at.key(path),
                        "missing required key '" + child + "'");
            }
        }
        try {
            return shape.construct(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof NullPointerException) {
                throw emptyItem(mapping, path);
            }
            throw new BadInputException(file, at(node), path + ": " + e.getCause().getMessage());
        }
    }

    private Object map(Node node, Type type, String path) throws BadInputException {
        if (!(node instanceof MappingNode mapping)) {
            throw wrongKind(node, path, "a mapping");
        }
        Class<?> keyType = rawClass(typeArgument(type, 0));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode(), path);
            String child = path + "." + key;
            Object typedKey = key;
            if (keyType == Integer.class) {
                if (!INTEGER.matcher(key).matches()) {
                    throw new BadInputException(file, at(tuple.getKeyNode()), path + ": key " + Quote.of(key) + " is not an integer");
                }
                if (new java.math.BigInteger(key).bitLength() >= 32) {
                    throw new BadInputException(file, at(tuple.getKeyNode()), path + ": key " + Quote.any(key)
                            + " is out of range (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
                }
                typedKey = Integer.valueOf(key);
                child = path + "." + typedKey;
            }
            if (out.containsKey(typedKey)) {
                throw new BadInputException(file, at(tuple.getKeyNode()), path + ": key " + Quote.any(key)
                        + " is given twice (as " + Quote.any(typedKey) + ")");
            }
            out.put(typedKey, value(tuple.getValueNode(), typeArgument(type, 1), child));
        }
        return out;
    }

    private Object scalar(ScalarNode node, Class<?> type, String path) throws BadInputException {
        String text = node.getValue();
        boolean plain = node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        boolean bool = plain && (text.equals("true") || text.equals("false"));
        boolean number = plain && (INTEGER.matcher(text).matches() || FLOAT.matcher(text).matches());
        if (type == Boolean.class) {
            if (bool) {
                return Boolean.valueOf(text);
            }
            throw wrongKind(node, path, "true or false");
        }
        if (type == Integer.class) {
            if (plain && INTEGER.matcher(text).matches() && new java.math.BigInteger(text).bitLength() < 32) {
                return Integer.valueOf(text);
            }
            throw wrongKind(node, path, "an integer");
        }
        if (bool || number) {
            throw wrongKind(node, path, "a string");
        }
        if (type == String.class) {
            if (text.isBlank()) {
                // An empty string is no value: rules would decide it, and nothing can use it. Left out is unknown, null is none.
                throw new BadInputException(file, at(node), path + ": " + Quote.of(text) + (text.isEmpty() ? " is empty" : " is blank"));
            }
            return text;
        }
        if (type.isEnum()) {
            List<String> allowed = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                String spelling = ((YamlSpelling) constant).yaml();
                if (spelling.equals(text)) {
                    return constant;
                }
                allowed.add(spelling);
            }
            throw new BadInputException(file, at(node), path + ": " + Quote.of(text) + " is not one of " + String.join(", ", allowed));
        }
        if (!type.isRecord() || !isValueType(type)) {
            throw new IllegalStateException("no way to read a " + type.getSimpleName());
        }
        try {
            return RecordShape.of(type).construct(new Object[] {text});
        } catch (InvocationTargetException e) {
            throw new BadInputException(file, at(node), path + ": " + e.getCause().getMessage());
        }
    }

    private BadInputException wrongKind(Node node, String path, String expected) {
        return new BadInputException(file, at(node), (path.isEmpty() ? "document" : path) + ": expected " + expected + found(node));
    }

    private static String found(Node node) {
        if (node instanceof MappingNode) {
            return ", found a mapping";
        }
        if (node instanceof SequenceNode) {
            return ", found a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            if (text.equals("true") || text.equals("false")) {
                return ", found " + text;
            }
            if (INTEGER.matcher(text).matches() || FLOAT.matcher(text).matches()) {
                return ", found the number " + text;
            }
        }
        return ", found " + Quote.of(text);
    }

    /** A record refused a null: the first empty (null) item of a list under {@code mapping}. */
    private BadInputException emptyItem(MappingNode mapping, String path) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getValueNode() instanceof SequenceNode list && tuple.getKeyNode() instanceof ScalarNode key) {
                for (int i = 0; i < list.getValue().size(); i++) {
                    if (isNull(list.getValue().get(i))) {
                        String where = (path.isEmpty() ? "" : path + ".") + key.getValue() + "[" + i + "]";
                        return new BadInputException(file, at(list.getValue().get(i)), where + ": an empty item (null) is not allowed");
                    }
                }
            }
        }
        return new BadInputException(file, at(mapping), (path.isEmpty() ? "document" : path) + ": a required value is empty (null)");
    }

    /** A mapping key's text; a list or mapping as a key is refused where it stands. */
    private String keyText(Node key, String path) throws BadInputException {
        if (key instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new BadInputException(file, at(key), (path.isEmpty() ? "document" : path) + ": a key must be a string, found "
                + (key instanceof MappingNode ? "a mapping" : "a list"));
    }

    private static YamlLocations.Location at(Node node) {
        return new YamlLocations.Location(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** A record of one string (a validated name or version) is read from a scalar. */
    private static boolean isValueType(Class<?> type) {
        return RecordShape.of(type).isValueType();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && (scalar.getValue().equals("null") || scalar.getValue().equals("~") || scalar.getValue().isEmpty());
    }

    private static String expectation(Class<?> type) {
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Integer.class) {
            return "an integer";
        }
        return "a string";
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type typeArgument(Type type, int i) {
        return ((ParameterizedType) type).getActualTypeArguments()[i];
    }
}
