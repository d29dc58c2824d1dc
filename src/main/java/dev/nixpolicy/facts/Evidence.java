package dev.nixpolicy.facts;

/**
 * A working-memory object that can stand as a reason in a decision's {@code because}:
 * when a rule fires, every matched object that is evidence is quoted.
 * <p>Every class the rules match is {@code @ClassReactive}: rules insert new facts and never
 * modify one, so Drools need not work out per-property change masks for each pattern, which
 * it otherwise does by reflection on every start (about a fifth of building the rule base).
 */
public interface Evidence {
    String evidence();
}
