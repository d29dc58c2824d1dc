package dev.nixpolicy.render;

import dev.nixpolicy.record.DecisionRecord;

/** The Markdown rationale of a record: what {@code decide} prints and {@code generate} files under docs/. */
public final class Rationale {
    private final Templates templates;

    public Rationale(Templates templates) {
        this.templates = templates;
    }

    public String render(DecisionRecord record) {
        return TextLayout.tidy(templates.render("rationale.md.mustache", RationaleView.of(record)));
    }
}
