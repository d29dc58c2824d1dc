package dev.nixpolicy.facts;

/**
 * How much YAML nixpolicy reads from one file (facts, host or expected decisions). Real files
 * are a few kilobytes: the largest facts file the project knows is 3.6 KB, the largest host
 * file 7.7 KB with 40 allocations, no line longer than 468 characters, no list longer than a
 * dozen items, no nesting deeper than four levels and no anchor or alias at all. Each limit
 * leaves two orders of magnitude of room above that and keeps a hostile file cheap: refused
 * in milliseconds, in a few megabytes of heap, at a cost linear in its size.
 */
public final class YamlLimits {
    /** A file larger than this is refused before it is parsed. */
    public static final int MAX_BYTES = 1 << 20;
    /**
     * The longest line. SnakeYAML's reader copies its look-ahead window for every 1 KiB it
     * reads, so a token costs the square of its length: a 4 MB line took seconds. With lines
     * bounded, parsing is linear in the file.
     */
    public static final int MAX_LINE = 8 << 10;
    /** The longest string (key or value), in characters, however many lines it spans. */
    public static final int MAX_STRING = 4 << 10;
    /** The most items of one list, or entries of one mapping. */
    public static final int MAX_ITEMS = 1000;
    /** The deepest nesting of lists and mappings (the contract needs four). */
    public static final int MAX_DEPTH = 16;
    /** The most nodes (scalars, lists, mappings) of a document, counting each alias as what it stands for. */
    public static final int MAX_NODES = 20_000;
    /** The most characters of all strings of a document together, counting each alias as what it stands for. */
    public static final int MAX_TEXT = 1 << 20;

    private YamlLimits() {}
}
