package dev.nixpolicy.render;

import dev.nixpolicy.record.DecisionRecord;

/** The Markdown rationale of a record: what {@code decide} prints and {@code generate} files under docs/. */
public final class Rationale {
    private final Templates templates;

    public Rationale(Templates templates) {
        this.templates = templates;
    }

    private static final String TEMPLATE = "rationale.md.mustache";

    /** Compiles the template ahead of the first render. */
    public void prepare() {
        templates.prepare(TEMPLATE);
    }

    public String render(DecisionRecord record) {
        return TextLayout.tidy(templates.render(TEMPLATE, RationaleView.of(record)));
    }
}
