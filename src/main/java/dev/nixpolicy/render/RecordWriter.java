package dev.nixpolicy.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.nixpolicy.record.DecisionRecord;

/** Writes the record as JSON or YAML, in the contract's key order, byte-identical for identical records. */
public final class RecordWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private RecordWriter() {}

    /** Two-space indentation, one value per line, "key": value; the same on every platform. */
    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    public static String json(DecisionRecord record) {
        try {
            return JSON.writer(printer()).writeValueAsString(RecordTree.of(record)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always serializes", e);
        }
    }

    /** Several records as one JSON array, in the order given. */
    public static String jsonArray(java.util.List<DecisionRecord> records) {
        try {
            return JSON.writer(printer()).writeValueAsString(records.stream().map(RecordTree::of).toList()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always serializes", e);
        }
    }

    /** Any tree of maps, lists and scalars (e.g. the report of {@code test}) as JSON printed like a record. */
    public static String jsonTree(Object tree) {
        try {
            return JSON.writer(printer()).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps, lists and scalars always serialize", e);
        }
    }

    public static String yaml(DecisionRecord record) {
        try {
            return YAML.writeValueAsString(RecordTree.of(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always serializes", e);
        }
    }
}
