package dev.nixpolicy.facts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * SnakeYAML's parser with {@link YamlLimits} enforced on its events, before the composer builds
 * anything from them: each event is checked once, when it is first seen, so a document is
 * refused at the first node that breaks a limit, with that node's line and column. An alias to
 * a list or mapping is refused outright (no facts file needs one; they are what alias bombs
 * and recursive documents are made of), so the composed document is a tree whose size the
 * node and text budgets bound; an alias to a string counts as the string it stands for.
 */
final class LimitedParser implements Parser {
    /** A limit the document breaks, at the node that breaks it. */
    static final class Exceeded extends RuntimeException {
        private final transient Mark at;

        Exceeded(Mark at, String problem) {
            super(problem, null, false, false);
            this.at = at;
        }

        Mark at() { return at; }
    }

    /** One open list or mapping: how many nodes it holds so far. */
    private static final class Open {
        final boolean mapping;
        int nodes;

        Open(boolean mapping) {
            this.mapping = mapping;
        }
    }

    private final Parser parser;
    private final Deque<Open> open = new ArrayDeque<>();
    /** Anchors seen so far: the length of the string each names, or -1 for a list or mapping. */
    private final Map<String, Integer> anchors = new HashMap<>();
    private Event checked;
    private long nodes;
    private long text;

    LimitedParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        Event next = parser.peekEvent();
        check(next);
        return next != null && next.is(choice);
    }

    @Override
    public Event peekEvent() {
        return check(parser.peekEvent());
    }

    @Override
    public Event getEvent() {
        return check(parser.getEvent());
    }

    private Event check(Event event) {
        if (event == null || event == checked) {
            return event;
        }
        checked = event;
        if (event instanceof CollectionEndEvent) {
            open.pop();
            return event;
        }
        if (!(event instanceof NodeEvent node)) {
            return event;
        }
        Mark at = event.getStartMark();
        if (++nodes > YamlLimits.MAX_NODES) {
            throw new Exceeded(at, "the document has more than " + YamlLimits.MAX_NODES + " nodes (lists, mappings and strings"
                    + (anchors.isEmpty() ? "" : ", aliases counted as what they stand for") + "), limit " + YamlLimits.MAX_NODES);
        }
        Open parent = open.peek();
        if (parent != null) {
            parent.nodes++;
            int items = parent.mapping ? (parent.nodes + 1) / 2 : parent.nodes;
            if (items > YamlLimits.MAX_ITEMS) {
                throw new Exceeded(at, (parent.mapping ? "a mapping with more than " + YamlLimits.MAX_ITEMS + " entries"
                        : "a list with more than " + YamlLimits.MAX_ITEMS + " items") + ", limit " + YamlLimits.MAX_ITEMS);
            }
        }
        if (event instanceof AliasEvent alias) {
            Integer length = anchors.get(alias.getAnchor());
            if (length != null && length < 0) {
                throw new Exceeded(at, "the alias " + Quote.of("*" + alias.getAnchor()) + " stands for a list or mapping;"
                        + " facts files may use aliases only for strings");
            }
            addText(at, length == null ? 0 : length);
            return event;
        }
        if (event instanceof ScalarEvent scalar) {
            String value = scalar.getValue();
            if (value.length() > YamlLimits.MAX_STRING) {
                int length = value.codePointCount(0, value.length());
                if (length > YamlLimits.MAX_STRING) {
                    throw new Exceeded(at, "a string of " + length + " characters, limit " + YamlLimits.MAX_STRING + ": "
                            + Quote.of(value));
                }
            }
            addText(at, value.length());
            remember(node, value.length());
            return event;
        }
        if (event instanceof CollectionStartEvent) {
            if (open.size() >= YamlLimits.MAX_DEPTH) {
                throw new Exceeded(at, "lists and mappings nested more than " + YamlLimits.MAX_DEPTH + " deep, limit "
                        + YamlLimits.MAX_DEPTH);
            }
            open.push(new Open(event instanceof MappingStartEvent));
            remember(node, -1);
        }
        return event;
    }

    private void remember(NodeEvent node, int length) {
        if (node.getAnchor() != null) {
            anchors.put(node.getAnchor(), length);
        }
    }

    private void addText(Mark at, int length) {
        text += length;
        if (text > YamlLimits.MAX_TEXT) {
            throw new Exceeded(at, "the document's strings add up to more than " + YamlLimits.MAX_TEXT + " characters"
                    + " (aliases counted as what they stand for), limit " + YamlLimits.MAX_TEXT);
        }
    }
}
