package dev.nixpolicy.engine;

import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** A step of the follow-up checklist (001 Deliverable 7), in one of its sections. */
@ClassReactive
public final class FollowUp {
    private final FollowUpSection section;
    private final String text;

    public FollowUp(String section, String text) {
        this.section = FollowUpSection.bySpelling(section);
        this.text = Objects.requireNonNull(text);
    }

    public FollowUpSection getSection() { return section; }

    public String getText() { return text; }

    @Override public String toString() { return "FollowUp[" + section.spelling() + ": " + text + "]"; }
}
