package dev.nixpolicy.engine;

import java.util.List;

/**
 * The agenda groups a run passes through, in order. Every rule names one of them; the
 * {@link #OVERRIDE} group is entered by auto-focus whenever a rule decides a key that the
 * facts override, so that the rule's decision is withdrawn before anything matches it.
 */
public final class Stages {
    public static final List<String> ORDER = List.of("derive", "decide", "elaborate", "validate", "report");
    public static final String OVERRIDE = "override";

    private Stages() {}

    public static boolean isKnown(String agendaGroup) {
        return ORDER.contains(agendaGroup) || OVERRIDE.equals(agendaGroup);
    }
}
