package dev.nixpolicy.pipeline;

/**
 * A rules folder, templates folder or host file that a command needs and that is not there:
 * one given with an option or in {@code .nixpolicy.yaml}, or the shipped one. The message says
 * which, and what to set instead; the command exits 2 and changes nothing.
 */
public final class SourceNotFoundException extends Exception {
    public SourceNotFoundException(String message) {
        super(message);
    }
}
