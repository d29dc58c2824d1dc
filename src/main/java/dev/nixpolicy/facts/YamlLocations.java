package dev.nixpolicy.facts;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML document composed within the {@link YamlLimits}, and where each key and list item
 * starts, by dotted path ({@code packaging.containerImages[1]}), so that checks made after
 * mapping can still point at a line and column.
 */
public final class YamlLocations {
    public record Location(int line, int column) {}

    private static final Location START = new Location(1, 1);
    private Node root;

    private YamlLocations() {}

    /** Why a document cannot be read: where, and what is wrong. */
    public abstract static sealed class Refusal extends Exception permits SyntaxError, TooLarge {
        private final Location at;

        Refusal(Location at, String problem) {
            super(problem);
            this.at = at;
        }

        public Location at() { return at; }

        /** The problem as a message states it. */
        public abstract String describe();
    }

    /** A document that is not well-formed YAML, with where the parser stopped. */
    public static final class SyntaxError extends Refusal {
        SyntaxError(Location at, String problem) {
            super(at, problem);
        }

        @Override
        public String describe() { return "YAML syntax error: " + getMessage(); }
    }

    /** A document that breaks one of the {@link YamlLimits}, at the node or line that breaks it. */
    public static final class TooLarge extends Refusal {
        TooLarge(Location at, String problem) {
            super(at, problem);
        }

        @Override
        public String describe() { return getMessage(); }
    }

    /**
     * Indexes {@code text} of {@code file} for a loader: a text that is not YAML, is beyond the
     * {@link YamlLimits} or repeats a key is bad input at its line and column.
     */
    public static YamlLocations ofInput(java.nio.file.Path file, String text) throws BadInputException {
        YamlLocations document;
        try {
            document = of(text);
        } catch (Refusal e) {
            throw new BadInputException(file, e.at(), e.describe());
        }
        if (document.duplicate().isPresent()) {
            Duplicate twice = document.duplicate().get();
            throw new BadInputException(file, twice.at(), "duplicate key " + Quote.key(twice.key()));
        }
        return document;
    }

    /** Indexes {@code text}, or reports why it is not YAML or is beyond the {@link YamlLimits}. */
    public static YamlLocations of(String text) throws Refusal {
        checkLines(text);
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML's own limits, kept as a second line behind LimitedParser's, which is stricter
        // and says where: no alias to a list or mapping, the same depth, the file size in code points.
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(YamlLimits.MAX_DEPTH + 1);
        options.setCodePointLimit(YamlLimits.MAX_BYTES);
        YamlLocations index = new YamlLocations();
        try {
            Composer composer = new Composer(new LimitedParser(new ParserImpl(new StreamReader(new WholeCharacterReader(text)), options)),
                    new Resolver(), options);
            Node root = composer.getSingleNode();
            index.root = root;
            if (root != null) {
                index.findDuplicate(root);
            }
        } catch (LimitedParser.Exceeded e) {
            throw new TooLarge(at(e.at()), e.getMessage());
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? START : at(mark);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new SyntaxError(at, problem + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            throw new SyntaxError(atCodePoint(text, e.getPosition()), "character U+"
                    + String.format(java.util.Locale.ROOT, "%04X", e.getCodePoint()) + " is not allowed in YAML");
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new SyntaxError(START, e.getMessage());
        }
        return index;
    }

    /**
     * Refuses a document longer than {@link YamlLimits#MAX_BYTES} characters or with a line
     * longer than {@link YamlLimits#MAX_LINE}, before SnakeYAML reads it: its cost grows with
     * the square of a line's length.
     */
    private static void checkLines(String text) throws TooLarge {
        if (text.length() > YamlLimits.MAX_BYTES) {
            throw new TooLarge(START, "the document is " + text.length() + " characters, limit " + YamlLimits.MAX_BYTES);
        }
        int line = 1;
        int start = 0;
        int length = text.length();
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '\n';
            if (isBreak(c)) {
                if (i - start > YamlLimits.MAX_LINE) {
                    throw new TooLarge(new Location(line, YamlLimits.MAX_LINE + 1), "line " + line + " is "
                            + (i - start) + " characters long, limit " + YamlLimits.MAX_LINE);
                }
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Where the code point at {@code index} of {@code text} (0-based, as SnakeYAML counts) stands. */
    private static Location atCodePoint(String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
            char c = text.charAt(i);
            if (isBreak(c) && !(c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new Location(line, column);
    }

    /** A line break as SnakeYAML counts lines (YAML 1.1: also NEL, LS and PS). */
    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Finds the first duplicated key. Locations are not indexed in advance: a path of every node
     * would cost the depth times the key lengths per node, and they are only looked up to report
     * a problem.
     */
    private void findDuplicate(Node node) {
        if (node instanceof MappingNode mapping) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !seen.add(key.getValue()) && duplicate == null) {
                    duplicate = new Duplicate(key.getValue(), at(key));
                }
                findDuplicate(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::findDuplicate);
        }
    }

    private static Location at(Node node) {
        return at(node.getStartMark());
    }

    private static Location at(org.yaml.snakeyaml.error.Mark mark) {
        return new Location(mark.getLine() + 1, mark.getColumn() + 1);
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

    /** The location of the key at {@code path}, or of its nearest ancestor that exists (the document for none). */
    public Location key(String path) {
        return find(path, true);
    }

    /** The location of the value at {@code path}, or of its key's nearest existing ancestor. */
    public Location value(String path) {
        return find(path, false);
    }

    /**
     * Follows {@code path} ({@code a.b[2].c}, as the mapper builds it) from the document: a
     * mapping's first key that the path continues with (a key may itself contain a dot), a
     * list's item by index, an integer key also by value ({@code ports.8080} finds {@code 08080}).
     */
    private Location find(String path, boolean wantKey) {
        if (root == null) {
            return START;
        }
        Node node = root;
        Location found = at(root);
        int at = 0;
        while (at < path.length()) {
            Node keyNode = null;
            Node next = null;
            int end = -1;
            if (node instanceof SequenceNode sequence && path.charAt(at) == '[') {
                end = path.indexOf(']', at) + 1;
                int index = end > 0 && YamlTree.INTEGER.matcher(path.substring(at + 1, end - 1)).matches()
                        && end - at < 12 ? Integer.parseInt(path.substring(at + 1, end - 1)) : -1;
                if (index < 0 || index >= sequence.getValue().size()) {
                    return found;
                }
                next = sequence.getValue().get(index);
                keyNode = next;
            } else if (node instanceof MappingNode mapping && (at == 0 || path.charAt(at) == '.')) {
                int start = at == 0 ? 0 : at + 1;
                for (int pass = 0; pass < 2 && next == null; pass++) {
                    for (NodeTuple tuple : mapping.getValue()) {
                        if (tuple.getKeyNode() instanceof ScalarNode key) {
                            end = pass == 0 ? matches(key.getValue(), path, start) : matchesNumber(key.getValue(), path, start);
                            if (end >= 0) {
                                keyNode = key;
                                next = tuple.getValueNode();
                                break;
                            }
                        }
                    }
                }
                if (next == null) {
                    return found;
                }
            } else {
                return found;
            }
            at = end;
            node = next;
            found = at == path.length() && !wantKey ? at(next) : at(keyNode);
        }
        return found;
    }

    /** Where {@code key} ends in {@code path} if the path continues with it at {@code start}, else -1. */
    private static int matches(String key, String path, int start) {
        int end = start + key.length();
        if (!path.startsWith(key, start) || (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[')) {
            return -1;
        }
        return end;
    }

    /** As {@link #matches}, for an integer key written another way ({@code 08080} for {@code 8080}). */
    private static int matchesNumber(String key, String path, int start) {
        int end = start;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        String segment = path.substring(start, end);
        if (!YamlTree.INTEGER.matcher(segment).matches() || !YamlTree.INTEGER.matcher(key).matches()) {
            return -1;
        }
        return new java.math.BigInteger(segment).equals(new java.math.BigInteger(key)) ? end : -1;
    }
}
