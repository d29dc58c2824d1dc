package dev.nixpolicy.engine;

import java.util.List;

/**
 * The agenda groups a run passes through, in order. Every rule names one of them, or the
 * {@link #OVERRIDE} group, which only auto-focus enters. (The shipped rules withdraw a decision
 * the facts override from inside its own stage, at a salience above every deciding rule, so
 * nothing matches it first.)
 */
public final class Stages {
    public static final List<String> ORDER = List.of("derive", "decide", "elaborate", "validate", "report");
    public static final String OVERRIDE = "override";

    private Stages() {}

    public static boolean isKnown(String agendaGroup) {
        return ORDER.contains(agendaGroup) || OVERRIDE.equals(agendaGroup);
    }
}
