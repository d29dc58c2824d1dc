package dev.nixpolicy.record;

import java.util.List;

/**
 * An open question of the record. {@code blocks} names the decision keys whose value depends
 * on the answer (empty when that could not be worked out, e.g. for a free-form answer).
 */
public record RecordedQuestion(String about, String question, String rule, List<String> blocks) {
    public RecordedQuestion {
        blocks = List.copyOf(blocks);
    }

    public RecordedQuestion blocking(List<String> keys) {
        return new RecordedQuestion(about, question, rule, keys);
    }
}
