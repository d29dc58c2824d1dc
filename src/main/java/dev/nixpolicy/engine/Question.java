package dev.nixpolicy.engine;

import dev.nixpolicy.facts.Evidence;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/** What the facts leave unknown and a decision needs: to be asked, never guessed. */
@ClassReactive
public final class Question implements Evidence {
    private final String about;
    private final String question;
    private final java.util.List<String> blocks;

    public Question(String about, String question) {
        this(about, question, java.util.List.of());
    }

    private Question(String about, String question, java.util.List<String> blocks) {
        this.about = Objects.requireNonNull(about);
        this.question = Objects.requireNonNull(question);
        this.blocks = blocks;
    }

    /**
     * The same question, naming the decision keys that wait on its answer: for answers that
     * cannot be listed and tried (a widget type, a database's needs), the rule says what they block.
     */
    public Question blocking(String... keys) {
        return new Question(about, question, java.util.List.of(keys));
    }

    /** The decision keys this question keeps undecided as its rule names them (empty when it does not say). */
    public java.util.List<String> getBlocks() { return blocks; }

    public String getAbout() { return about; }

    public String getQuestion() { return question; }

    @Override public String evidence() { return "open question on " + about; }

    @Override public String toString() { return "Question[" + about + "]"; }
}
