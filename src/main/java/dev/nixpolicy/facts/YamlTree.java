package dev.nixpolicy.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns the composed YAML document into a Jackson tree, so the facts are parsed once (the
 * same parse gives locations) and mapped by Jackson. Plain scalars follow the YAML 1.2 core
 * schema: {@code true}/{@code false}, {@code null}/{@code ~}, integers and floats; anything
 * else, and every quoted scalar, is a string ({@code yes} is not a boolean). Public so that
 * the other YAML files nixpolicy reads (expected decisions) type their scalars the same way.
 */
public final class YamlTree {
    static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private YamlTree() {}

    public static JsonNode of(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(of(tuple.getKeyNode()));
                object.set(key, of(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            sequence.getValue().forEach(item -> array.add(of(item)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return NODES.textNode(text);
        }
        switch (text) {
            case "true":
                return NODES.booleanNode(true);
            case "false":
                return NODES.booleanNode(false);
            case "null", "~", "":
                return NODES.nullNode();
            default:
                break;
        }
        if (INTEGER.matcher(text).matches()) {
            BigInteger value = new BigInteger(text);
            return value.bitLength() < 32 ? NODES.numberNode(value.intValue()) : NODES.numberNode(value);
        }
        if (FLOAT.matcher(text).matches()) {
            return NODES.numberNode(new java.math.BigDecimal(text));
        }
        return NODES.textNode(text);
    }
}
