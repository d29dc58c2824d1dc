package dev.nixpolicy.facts;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each key and list item of a YAML document starts, by dotted path
 * ({@code packaging.containerImages[1]}), so that checks made after mapping can still point
 * at a line and column.
 */
public final class YamlLocations {
    public record Location(int line, int column) {}

    private static final Location START = new Location(1, 1);
    private final Map<String, Location> keys = new HashMap<>();
    private final Map<String, Location> values = new HashMap<>();
    private Node root;

    private YamlLocations() {}

    /** A document that is not well-formed YAML, with where the parser stopped. */
    public static final class SyntaxError extends Exception {
        private final Location at;

        SyntaxError(Location at, String problem) {
            super(problem);
            this.at = at;
        }

        public Location at() { return at; }
    }

    /** Indexes {@code text}, or reports why it is not YAML. */
    public static YamlLocations of(String text) throws SyntaxError {
        YamlLocations index = new YamlLocations();
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
            index.root = root;
            if (root != null) {
                index.walk("", root);
            }
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? START : new Location(mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new SyntaxError(at, problem + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new SyntaxError(START, e.getMessage());
        }
        return index;
    }

    private void walk(String path, Node node) {
        values.putIfAbsent(path, at(node));
        if (node instanceof MappingNode mapping) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    if (!seen.add(key.getValue())) {
                        duplicate = duplicate != null ? duplicate : new Duplicate(key.getValue(), at(key));
                    }
                    keys.putIfAbsent(child, at(key));
                    walk(child, tuple.getValueNode());
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                String child = path + "[" + i + "]";
                keys.putIfAbsent(child, at(sequence.getValue().get(i)));
                walk(child, sequence.getValue().get(i));
            }
        }
    }

    private static Location at(Node node) {
        return new Location(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** A key given twice in one mapping: the first such key, where its second use starts. */
    public record Duplicate(String key, Location at) {}

    private Duplicate duplicate;

    /** The first duplicated key, if the document has one. */
    public java.util.Optional<Duplicate> duplicate() {
        return java.util.Optional.ofNullable(duplicate);
    }

    /** The composed document, or null for an empty one. */
    public Node root() {
        return root;
    }

    /** The location of the key at {@code path}, or of its nearest ancestor that exists. */
    public Location key(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location found = keys.get(p);
            if (found != null) {
                return found;
            }
            p = parent(p);
        }
        return START;
    }

    /** The location of the value at {@code path}, or of its key's nearest existing ancestor. */
    public Location value(String path) {
        Location found = values.get(path);
        return found != null ? found : key(path);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
