package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** What the facts leave unknown and a decision needs: to be asked, never guessed. */
@ClassReactive
public final class Question implements Evidence {
    private final String about;
    private final String question;

    public Question(String about, String question) {
        this.about = Objects.requireNonNull(about);
        this.question = Objects.requireNonNull(question);
    }

    public String getAbout() { return about; }

    public String getQuestion() { return question; }

    @Override public String evidence() { return "open question on " + about; }

    @Override public String toString() { return "Question[" + about + "]"; }
}
