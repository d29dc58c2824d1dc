package dev.nixpolicy.facts;

/**
 * A working-memory object that can stand as a reason in a decision's {@code because}:
 * when a rule fires, every matched object that is evidence is quoted.
 */
public interface Evidence {
    String evidence();
}
