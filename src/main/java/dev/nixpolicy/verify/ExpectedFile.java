package dev.nixpolicy.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpolicy.facts.BadInputException;
import dev.nixpolicy.facts.DecisionKey;
import dev.nixpolicy.facts.Quote;
import dev.nixpolicy.facts.YamlFile;
import dev.nixpolicy.facts.YamlLocations;
import dev.nixpolicy.facts.YamlTree;
import dev.nixpolicy.pipeline.FactsFiles;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The decisions the owners of a service actually made, written as flat decision-record-v1
 * keys ({@code <name>.expected.yaml} beside {@code <name>.facts.yaml} or {@code <name>.yaml}).
 * Every key must be a decision key and every value one that key can take, so that a typo
 * is reported where it is written instead of being scored as the rules' mistake.
 */
public record ExpectedFile(Path file, List<Expectation> expectations) {
    /** The comment text that takes a key out of the score. */
    public static final String MARK = "deviates-from-policy";

    private static final String SUFFIX = FactsFiles.EXPECTED_SUFFIX;

    public ExpectedFile {
        expectations = List.copyOf(expectations);
    }

    public static boolean isExpectedFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(SUFFIX);
    }

    /** Where the expectations of {@code factsFile} are: {@code X.expected.yaml} for {@code X.facts.yaml} or {@code X.yaml}. */
    public static Path besideFacts(Path factsFile) {
        String name = factsFile.getFileName().toString();
        String stem = name.endsWith(".facts.yaml") ? name.substring(0, name.length() - ".facts.yaml".length())
                : name.endsWith(".yaml") ? name.substring(0, name.length() - ".yaml".length()) : name;
        return factsFile.resolveSibling(stem + SUFFIX);
    }

    /** The facts files an expected file may belong to, most specific first ({@code X.facts.yaml}, then {@code X.yaml}). */
    public static List<Path> factsCandidates(Path expectedFile) {
        String name = expectedFile.getFileName().toString();
        String stem = name.substring(0, name.length() - SUFFIX.length());
        return List.of(expectedFile.resolveSibling(stem + ".facts.yaml"), expectedFile.resolveSibling(stem + ".yaml"));
    }

    public static ExpectedFile read(Path file) throws BadInputException {
        return parse(file, YamlFile.read(file));
    }

    /** Parses expected-decision text; {@code file} names it in messages. */
    public static ExpectedFile parse(Path file, String text) throws BadInputException {
        YamlLocations document = YamlLocations.ofInput(file, text);
        if (!(document.root() instanceof MappingNode mapping)) {
            throw new BadInputException(file, document.root() == null ? new YamlLocations.Location(1, 1) : at(document.root()),
                    "expected a mapping of decision keys to the values the owners chose");
        }
        Set<Integer> markedLines = linesWithMarkedComments(file, text);
        List<Expectation> expectations = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Node valueNode = tuple.getValueNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
            Optional<DecisionKey> decisionKey = key == null ? Optional.empty() : DecisionKey.byKey(key);
            if (decisionKey.isEmpty()) {
                throw new BadInputException(file, at(keyNode), (key == null ? "a key that is not text" : Quote.of(key))
                        + " is not a decision key of decision-record-v1");
            }
            Object value = toJava(YamlTree.of(valueNode));
            if (!DecisionValues.isNone(value)) {
                Optional<String> problem = decisionKey.get().problemWith(value);
                if (problem.isPresent()) {
                    throw new BadInputException(file, at(valueNode), problem.get());
                }
            }
            boolean marked = false;
            for (int line = keyNode.getStartMark().getLine(); line <= lastLine(valueNode, keyNode.getStartMark().getLine()); line++) {
                marked |= markedLines.contains(line);
            }
            expectations.add(new Expectation(key, value, marked, at(keyNode)));
        }
        return new ExpectedFile(file, expectations);
    }

    /**
     * The 0-based lines holding a comment that carries the mark. Comments are taken from the
     * YAML parser rather than by searching the text for '#', which a value may contain
     * (a URL fragment, a quoted string). Only lines are kept, never the node SnakeYAML would
     * attach a comment to: it attaches a comment on a line of its own to the key after it,
     * and such a comment ("uid omitted ... deviates-from-policy") does not mark that key.
     */
    private static Set<Integer> linesWithMarkedComments(Path file, String text) throws BadInputException {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        Set<Integer> lines = new HashSet<>();
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof CommentEvent comment && comment.getValue().contains(MARK)) {
                    lines.add(comment.getStartMark().getLine());
                }
            }
        } catch (MarkedYAMLException e) {
            // The document composed without comments; SnakeYAML's comment reading is the younger code.
            Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new BadInputException(file, at == null ? 1 : at.getLine() + 1, at == null ? 1 : at.getColumn() + 1,
                    "cannot read the comments: " + e.getProblem());
        }
        return lines;
    }

    /**
     * The last 0-based line of a value as written, where its in-line comment sits. A block
     * collection ends with its last item; a scalar's end mark can fall at the start of the
     * next line (block scalars, empty values), which belongs to the next key.
     */
    private static int lastLine(Node value, int keyLine) {
        if (value instanceof CollectionNode<?> collection && collection.getFlowStyle() == DumperOptions.FlowStyle.BLOCK) {
            if (value instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
                return lastLine(sequence.getValue().get(sequence.getValue().size() - 1), keyLine);
            }
            if (value instanceof MappingNode mapping && !mapping.getValue().isEmpty()) {
                return lastLine(mapping.getValue().get(mapping.getValue().size() - 1).getValueNode(), keyLine);
            }
        }
        int line = value.getEndMark().getLine();
        if (value.getEndMark().getColumn() == 0 && line > value.getStartMark().getLine()) {
            line--;
        }
        return Math.max(line, keyLine);
    }

    private static YamlLocations.Location at(Node node) {
        return new YamlLocations.Location(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** The YAML value as the plain Java value a decision holds (Integer, Boolean, String, List, Map or null). */
    private static Object toJava(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(toJava(item)));
            return java.util.Collections.unmodifiableList(items);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> entries.put(entry.getKey(), toJava(entry.getValue())));
        return java.util.Collections.unmodifiableMap(entries);
    }
}
